-- One row per timer function: the latest slot any host claimed, and the lease of the run going on.
-- Hosts claim a slot with a conditional UPDATE, so each slot fires once however many hosts share the database.
CREATE SCHEMA IF NOT EXISTS runtime;

CREATE TABLE runtime.timer_schedules (
    function_name text PRIMARY KEY,
    schedule text NOT NULL,
    last_slot timestamptz,
    previous_slot timestamptz,
    next_slot timestamptz,
    lease_token uuid,
    lease_owner text,
    lease_until timestamptz,
    last_started_at timestamptz,
    last_completed_at timestamptz,
    last_duration_ms bigint,
    last_error text,
    updated_at timestamptz NOT NULL DEFAULT now()
);
