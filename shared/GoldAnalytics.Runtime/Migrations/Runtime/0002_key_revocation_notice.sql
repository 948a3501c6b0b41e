-- Hosts cache key lookups for a few seconds. Any change to a key row (a revocation above all, however it is
-- made: API, bootstrap or plain SQL) is announced with the key's id, so every host forgets that key at once.
CREATE FUNCTION runtime.announce_function_key_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('function_keys_changed', OLD.id::text);
    RETURN NULL;
END $$;

CREATE TRIGGER function_keys_changed
AFTER UPDATE OR DELETE ON runtime.function_keys
FOR EACH ROW EXECUTE FUNCTION runtime.announce_function_key_change();
