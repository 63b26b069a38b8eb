-- What each evaluation run judged, as documents: the API, the reports and the alerts read them from here. InfluxDB's
-- target_* measurements are a projection of them for Grafana, never read back.
CREATE TABLE growthmonitor.evaluation_runs (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL UNIQUE,
    targets integer NOT NULL,
    failed integer NOT NULL,
    catalog text NOT NULL,
    seconds double precision NOT NULL);

-- The latest assessment of each target in the catalog, as the API's JSON writes a TargetAssessment.
CREATE TABLE growthmonitor.target_assessments (
    target text PRIMARY KEY,
    run bigint NOT NULL REFERENCES growthmonitor.evaluation_runs (id),
    assessment jsonb NOT NULL);
