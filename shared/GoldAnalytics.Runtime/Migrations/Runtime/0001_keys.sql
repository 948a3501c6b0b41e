-- Function keys: only a SHA-256 hash of each secret is stored; the prefix lets people tell keys apart.
CREATE SCHEMA IF NOT EXISTS runtime;

CREATE TABLE runtime.function_keys (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    role text NOT NULL CHECK (role IN ('viewer', 'staff', 'analyst', 'manager', 'admin')),
    prefix text NOT NULL,
    secret_hash bytea NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

CREATE INDEX function_keys_active_name ON runtime.function_keys (name) WHERE revoked_at IS NULL;
