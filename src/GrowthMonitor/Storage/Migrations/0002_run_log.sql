-- The run log of every indicator (fetched or entered by hand), and with it the commit of each vintage of figures:
-- a vintage's figures are visible once its run's row says success. A row is written when a run begins a vintage
-- (outcome running) and completed in the transaction that commits it. InfluxDB's ingest_runs is a projection of
-- this table for Grafana (projected: written there).
CREATE TABLE growthmonitor.ingest_runs (
    id bigserial PRIMARY KEY,
    indicator text NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('running', 'success', 'unchanged', 'failed')),
    at timestamptz NOT NULL,
    rows bigint NOT NULL DEFAULT 0,
    points bigint NOT NULL DEFAULT 0,
    seconds double precision NOT NULL DEFAULT 0,
    table_updated timestamptz NULL,
    latest_period text NULL,
    definition text NULL,
    error text NULL,
    -- The vintage the run wrote its figures under; a failed run keeps its number so that it is never reused.
    vintage integer NULL,
    -- The frequency of the figures the run wrote (year, half-year, quarter, month): what turns a time into a period.
    frequency text NULL,
    -- When the figures of a run that never committed were deleted from InfluxDB.
    discarded_at timestamptz NULL,
    projected boolean NOT NULL DEFAULT false);

CREATE UNIQUE INDEX ingest_runs_vintage ON growthmonitor.ingest_runs (indicator, vintage) WHERE vintage IS NOT NULL;
CREATE INDEX ingest_runs_latest ON growthmonitor.ingest_runs (indicator, outcome, at DESC);
CREATE INDEX ingest_runs_unprojected ON growthmonitor.ingest_runs (id) WHERE NOT projected AND outcome <> 'running';
