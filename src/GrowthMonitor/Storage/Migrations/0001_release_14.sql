-- The tables release 14 created on first use (alert ledger, notes, audit trail, run-log outbox), as it created them:
-- IF NOT EXISTS, so a database that release already set up is taken over as version 1 unchanged.
CREATE TABLE IF NOT EXISTS growthmonitor.alert_events (
    id text PRIMARY KEY,
    type text NOT NULL,
    alliance text NOT NULL,
    target text NULL,
    indicator text NULL,
    occurred_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL,
    body jsonb NOT NULL);

CREATE TABLE IF NOT EXISTS growthmonitor.alert_deliveries (
    id text PRIMARY KEY,
    route text NOT NULL,
    alliance text NOT NULL,
    event_ids text[] NOT NULL,
    status text NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    delivered_at timestamptz NULL,
    last_error text NULL);

CREATE INDEX IF NOT EXISTS alert_deliveries_due ON growthmonitor.alert_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS alert_events_recorded ON growthmonitor.alert_events (recorded_at DESC);
-- The repeat check asks when a target was last told to a route, for each target off track.
CREATE INDEX IF NOT EXISTS alert_events_target ON growthmonitor.alert_events (target);

CREATE TABLE IF NOT EXISTS growthmonitor.target_notes (
    id bigserial PRIMARY KEY,
    target text NOT NULL,
    period text NOT NULL,
    text text NOT NULL,
    author text NOT NULL,
    entered_by text NOT NULL,
    at timestamptz NOT NULL);

CREATE INDEX IF NOT EXISTS target_notes_target ON growthmonitor.target_notes (target, id);

CREATE TABLE IF NOT EXISTS growthmonitor.value_audit (
    id bigserial PRIMARY KEY,
    indicator text NOT NULL,
    area text NOT NULL,
    period text NOT NULL,
    old_value double precision NULL,
    new_value double precision NULL,
    operator text NOT NULL,
    at timestamptz NOT NULL,
    vintage integer NOT NULL);

CREATE INDEX IF NOT EXISTS value_audit_indicator ON growthmonitor.value_audit (indicator, id);

CREATE TABLE IF NOT EXISTS growthmonitor.pending_runs (id bigserial PRIMARY KEY, run jsonb NOT NULL);
