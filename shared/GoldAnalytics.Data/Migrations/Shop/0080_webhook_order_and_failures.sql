-- A subscription is posted to by one sender at a time and strictly in order: a sender leases the
-- subscription (claimed_until, with a token so only the holder hands it back) and posts its oldest
-- pending deliveries one after the other; a crashed sender's lease runs out.
ALTER TABLE webhook_subscriptions ADD COLUMN claimed_until timestamptz, ADD COLUMN claim_token uuid;

-- Failed attempts carry a classified code and a fixed message instead of the exception's text.
ALTER TABLE webhook_deliveries ADD COLUMN last_error_code text;
ALTER TABLE webhook_attempts ADD COLUMN error_code text;

-- Errors recorded before were exception texts, which can describe the network behind the host.
UPDATE webhook_attempts SET error_code = 'unclassified', error = 'the attempt failed (recorded before failures were classified)' WHERE error IS NOT NULL;
UPDATE webhook_deliveries SET last_error_code = 'unclassified', last_error = 'the attempt failed (recorded before failures were classified)' WHERE last_error IS NOT NULL;
UPDATE webhook_subscriptions SET disabled_reason = regexp_replace(disabled_reason, '; last: .*$', '') WHERE disabled_reason LIKE '%; last: %';
