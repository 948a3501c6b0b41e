-- The durable orchestration store: instances, event-sourced history, the instances' inbox (messages,
-- including durable timers as delayed messages) and the activity queue. No foreign keys: rows of one
-- instance are always written by the transaction that holds the instance's row lock.
CREATE SCHEMA IF NOT EXISTS durable;

CREATE TABLE durable.instances (
    instance_id text PRIMARY KEY,
    execution_id uuid NOT NULL,
    name text NOT NULL,
    version text NOT NULL DEFAULT '',
    runtime_status text NOT NULL,
    input text,
    output text,
    custom_status text,
    failure text,
    parent_instance_id text,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_updated_at timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    scheduled_start_at timestamptz,
    -- Incremented by every committed step: a host's cached session is valid only for the checkpoint it saw.
    checkpoint bigint NOT NULL DEFAULT 0
);
CREATE INDEX instances_created_at ON durable.instances (created_at, instance_id);
CREATE INDEX instances_completed_at ON durable.instances (completed_at) WHERE completed_at IS NOT NULL;

CREATE TABLE durable.history (
    instance_id text NOT NULL,
    seq int NOT NULL,
    execution_id uuid NOT NULL,
    event_type text NOT NULL,
    event text NOT NULL,
    PRIMARY KEY (instance_id, seq)
);

-- Inbox of orchestration instances. execution_id, when set, names the execution the message is for;
-- messages for an execution that has ended (continue-as-new, restart) are dropped unread.
CREATE TABLE durable.messages (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id text NOT NULL,
    execution_id uuid,
    event_type text NOT NULL,
    event text NOT NULL,
    visible_at timestamptz NOT NULL DEFAULT now()
) WITH (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01);
CREATE INDEX messages_instance ON durable.messages (instance_id, id);
CREATE INDEX messages_visible_at ON durable.messages (visible_at);

-- Activity work items, claimed with a lease; an expired lease makes the item claimable again.
CREATE TABLE durable.activities (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id text NOT NULL,
    execution_id uuid NOT NULL,
    task_id int NOT NULL,
    name text NOT NULL,
    input text,
    created_at timestamptz NOT NULL DEFAULT now(),
    locked_by text,
    lock_expires_at timestamptz,
    dequeue_count int NOT NULL DEFAULT 0
) WITH (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01);
CREATE INDEX activities_lock_expires_at ON durable.activities (lock_expires_at) WHERE lock_expires_at IS NOT NULL;
CREATE INDEX activities_instance ON durable.activities (instance_id);

