-- Webhook subscriptions and their deliveries: the outbox's 'webhooks' subscriber fans each event out
-- to one delivery per matching subscription; a sender posts them, signed, with retries and backoff.

CREATE TABLE webhook_subscriptions (
    id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name                    text NOT NULL,
    url                     text NOT NULL,
    -- Event kinds delivered: exact kinds ('sales.invoice.created'), prefixes ('sales.*') or '*'.
    event_kinds             text[] NOT NULL,
    -- The signing secret, encrypted (AES-256-GCM: nonce, tag, ciphertext) under the host's webhook
    -- key; the key's id says which key, so a wrong key is refused rather than signing garbage.
    secret_ciphertext       bytea NOT NULL,
    secret_key_id           text NOT NULL,
    secret_prefix           text NOT NULL,
    enabled                 boolean NOT NULL DEFAULT true,
    disabled_reason         text,
    consecutive_failures    int NOT NULL DEFAULT 0,
    created_by              text NOT NULL,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT webhook_subscriptions_kinds_present CHECK (cardinality(event_kinds) > 0)
);

CREATE TABLE webhook_deliveries (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id     uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_id            bigint NOT NULL REFERENCES outbox_events (id) ON DELETE CASCADE,
    kind                text NOT NULL,
    state               text NOT NULL DEFAULT 'pending',
    attempts            int NOT NULL DEFAULT 0,
    -- Next attempt; a claim moves it to the end of the lease (a crashed sender's claim runs out).
    due_at              timestamptz NOT NULL DEFAULT now(),
    created_at          timestamptz NOT NULL DEFAULT now(),
    delivered_at        timestamptz,
    last_status         int,
    last_error          text,
    CONSTRAINT webhook_deliveries_state_known CHECK (state IN ('pending', 'delivered', 'dead')),
    -- The fan-out is idempotent: an event redelivered to it adds no second delivery.
    CONSTRAINT webhook_deliveries_once UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (subscription_id, id) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (subscription_id, id DESC);

-- Every attempt: when, how long, the receiver's status or the error.
CREATE TABLE webhook_attempts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id     bigint NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    -- The delivery's attempt number (it starts again from 1 after a redelivery).
    attempt         int NOT NULL,
    started_at      timestamptz NOT NULL,
    duration_ms     int NOT NULL,
    status_code     int,
    error           text
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);

CREATE FUNCTION webhook_deliveries_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('webhook_deliveries', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER webhook_deliveries_notify AFTER INSERT ON webhook_deliveries
    FOR EACH STATEMENT EXECUTE FUNCTION webhook_deliveries_notify();
