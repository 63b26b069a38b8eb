-- Yearly goals set through the service (PUT /api/targets/{id}/goals and the target's page). Each change is a row of its
-- own, never updated or deleted, so the table is its own audit trail: who, when, the goal before (null: none, not even
-- the catalog's) and after. The goal that applies to a target's year is its latest row, over the catalog's; a report as
-- of a past moment takes the latest row written by then.
CREATE TABLE growthmonitor.target_goals (
    id bigserial PRIMARY KEY,
    target text NOT NULL,
    year integer NOT NULL,
    old_value double precision NULL,
    new_value double precision NOT NULL,
    operator text NOT NULL,
    at timestamptz NOT NULL);

CREATE INDEX target_goals_target ON growthmonitor.target_goals (target, year, id);
