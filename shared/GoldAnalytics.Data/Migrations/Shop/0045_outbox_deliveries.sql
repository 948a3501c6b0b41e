-- Per-subscriber delivery of outbox events: every subscriber (dashboard push, KPI refresh, webhook
-- fan-out) has its own receipt per event, with its own attempts, backoff and dead-letter state, so
-- one failing subscriber never holds back the others.

-- The subscribers hosts deliver to; a host registers its own at start. Receipts are written for the
-- subscribers known when an event is appended, so the built-in ones are registered here already.
CREATE TABLE outbox_subscribers (
    name            text PRIMARY KEY,
    registered_at   timestamptz NOT NULL DEFAULT now()
);
INSERT INTO outbox_subscribers (name) VALUES ('dashboard'), ('kpis'), ('webhooks');

CREATE TABLE outbox_deliveries (
    subscriber      text NOT NULL REFERENCES outbox_subscribers (name) ON DELETE CASCADE,
    event_id        bigint NOT NULL REFERENCES outbox_events (id) ON DELETE CASCADE,
    attempts        int NOT NULL DEFAULT 0,
    -- The next attempt; a claim moves it to the end of its lease, so a dispatcher that dies leaves
    -- the receipt to be claimed again when the lease ends, and a failure moves it to the backoff.
    due_at          timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    -- Set after the last allowed attempt failed; an admin redelivers it.
    dead_at         timestamptz,
    last_error      text,
    PRIMARY KEY (subscriber, event_id)
);
CREATE INDEX outbox_deliveries_due ON outbox_deliveries (subscriber, event_id) WHERE delivered_at IS NULL AND dead_at IS NULL;
CREATE INDEX outbox_deliveries_event ON outbox_deliveries (event_id);
CREATE INDEX outbox_deliveries_dead ON outbox_deliveries (dead_at) WHERE dead_at IS NOT NULL;

CREATE FUNCTION outbox_events_receipts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO outbox_deliveries (subscriber, event_id)
    SELECT s.name, n.id FROM new_rows n CROSS JOIN outbox_subscribers s;
    RETURN NULL;
END
$$;

-- In the writer's transaction: an acknowledged event always has its receipts.
CREATE TRIGGER outbox_events_receipts AFTER INSERT ON outbox_events REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_events_receipts();

-- Events written before this migration and not yet delivered get receipts for every subscriber.
INSERT INTO outbox_deliveries (subscriber, event_id)
SELECT s.name, e.id FROM outbox_events e CROSS JOIN outbox_subscribers s WHERE e.delivered_at IS NULL;

-- The event-level claim is replaced by the receipts; delivered_at now means "settled": no receipt
-- is waiting (each was delivered or is dead).
ALTER TABLE outbox_events DROP COLUMN attempts, DROP COLUMN claimed_until, DROP COLUMN last_error;
