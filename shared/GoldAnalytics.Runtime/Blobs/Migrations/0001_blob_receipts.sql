-- One receipt per function and blob version (container, name, ETag): claimed with a lease while it runs,
-- then done, superseded (overwritten before it ran) or poison. A done receipt means never again.
CREATE SCHEMA IF NOT EXISTS runtime;

CREATE TABLE runtime.blob_receipts (
    function_name text NOT NULL,
    container text NOT NULL,
    blob_name text NOT NULL,
    etag text NOT NULL,
    status text NOT NULL CHECK (status IN ('running', 'failed', 'done', 'superseded', 'poison')),
    attempts int NOT NULL,
    lease_owner text,
    lease_until timestamptz,
    next_attempt_at timestamptz,
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (function_name, container, blob_name, etag)
);

-- The retry sweep reads only unfinished receipts.
CREATE INDEX blob_receipts_unfinished ON runtime.blob_receipts (function_name, next_attempt_at)
    WHERE status IN ('running', 'failed');

CREATE TABLE runtime.blob_poison (
    function_name text NOT NULL,
    container text NOT NULL,
    blob_name text NOT NULL,
    etag text NOT NULL,
    attempts int NOT NULL,
    error text NOT NULL,
    poisoned_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (function_name, container, blob_name, etag)
);
