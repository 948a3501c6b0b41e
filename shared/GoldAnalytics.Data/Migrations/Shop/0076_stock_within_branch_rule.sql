-- A branch that does not allow negative stock never goes below zero, however its stock moves: sales,
-- adjustments, withdrawn receipts and refunds, imports, concurrent or not. The entry checks lock the
-- level they read and refuse first, naming the field; these triggers are the guarantee behind them,
-- raising the check constraint the table had before some branches could go below zero.
-- Only a fall is refused: a level that is already negative (the branch allowed it then) may still rise.

CREATE FUNCTION stock_levels_within_branch_rule() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT (SELECT allow_negative_stock FROM branches WHERE id = NEW.branch_id) THEN
        RAISE EXCEPTION 'stock of product % at branch % would fall to %; the branch does not allow negative stock', NEW.product_id, NEW.branch_id, NEW.on_hand
            USING ERRCODE = 'check_violation', TABLE = 'stock_levels', COLUMN = 'on_hand', CONSTRAINT = 'stock_levels_not_negative';
    END IF;
    RETURN NULL;
END
$$;

-- AFTER, not BEFORE: an upsert fires BEFORE INSERT for the row it proposes even when it becomes an update.
CREATE TRIGGER stock_levels_within_branch_rule_insert AFTER INSERT ON stock_levels
    FOR EACH ROW WHEN (NEW.on_hand < 0) EXECUTE FUNCTION stock_levels_within_branch_rule();
CREATE TRIGGER stock_levels_within_branch_rule_update AFTER UPDATE OF on_hand ON stock_levels
    FOR EACH ROW WHEN (NEW.on_hand < 0 AND NEW.on_hand < OLD.on_hand) EXECUTE FUNCTION stock_levels_within_branch_rule();
