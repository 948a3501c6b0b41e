-- What has been refunded of each invoice line, kept by triggers on refunds in the refund's own
-- transaction, so that no refund, concurrent or not, takes a line beyond the pieces it sold or the
-- amount it was sold for. Adding to a line's totals is an upsert: it locks the totals row and adds to
-- its latest committed version, so two refunds of one line are added one after the other whatever
-- each of them read before. The check raises the named constraint the API turns into a 409.
-- A line refunded beyond its limits before this migration keeps its totals: a further refund of it
-- is refused, withdrawing one of its refunds is allowed.

CREATE TABLE refunded_lines (
    invoice_line_id     bigint PRIMARY KEY,
    quantity            int NOT NULL,
    amount              numeric(16,2) NOT NULL
);

INSERT INTO refunded_lines (invoice_line_id, quantity, amount)
SELECT invoice_line_id, sum(quantity), sum(amount) FROM refunds GROUP BY invoice_line_id;

CREATE FUNCTION refunds_keep_line_totals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    over record;
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE refunded_lines t SET quantity = t.quantity - o.quantity, amount = t.amount - o.amount
          FROM (SELECT invoice_line_id, sum(quantity) AS quantity, sum(amount) AS amount FROM old_rows GROUP BY invoice_line_id) o
         WHERE t.invoice_line_id = o.invoice_line_id;
        DELETE FROM refunded_lines t USING (SELECT DISTINCT invoice_line_id FROM old_rows) o
         WHERE t.invoice_line_id = o.invoice_line_id AND t.quantity <= 0;
    END IF;

    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        WITH totals AS (
            INSERT INTO refunded_lines AS t (invoice_line_id, quantity, amount)
            SELECT invoice_line_id, sum(quantity), sum(amount) FROM new_rows GROUP BY invoice_line_id ORDER BY invoice_line_id
            ON CONFLICT (invoice_line_id) DO UPDATE SET quantity = t.quantity + EXCLUDED.quantity, amount = t.amount + EXCLUDED.amount
            RETURNING t.invoice_line_id, t.quantity, t.amount)
        SELECT totals.invoice_line_id AS line, totals.quantity, totals.amount, l.quantity AS sold, l.line_total INTO over
          FROM totals JOIN invoice_lines l ON l.id = totals.invoice_line_id
         WHERE totals.quantity > l.quantity OR totals.amount > l.line_total
         ORDER BY totals.invoice_line_id LIMIT 1;
        IF FOUND AND over.quantity > over.sold THEN
            RAISE EXCEPTION 'refunds of invoice line % would return % pieces; it sold %', over.line, over.quantity, over.sold
                USING ERRCODE = 'check_violation', TABLE = 'refunds', COLUMN = 'quantity', CONSTRAINT = 'refunds_within_line_quantity';
        ELSIF FOUND THEN
            RAISE EXCEPTION 'refunds of invoice line % would pay back %; it was sold for %', over.line, over.amount, over.line_total
                USING ERRCODE = 'check_violation', TABLE = 'refunds', COLUMN = 'amount', CONSTRAINT = 'refunds_within_line_amount';
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER refunds_line_totals_insert AFTER INSERT ON refunds REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION refunds_keep_line_totals();
CREATE TRIGGER refunds_line_totals_update AFTER UPDATE ON refunds REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION refunds_keep_line_totals();
CREATE TRIGGER refunds_line_totals_delete AFTER DELETE ON refunds REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION refunds_keep_line_totals();

-- A refund's stock movement is found by its refund: to withdraw it, and to weigh what a line's refunds returned.
CREATE INDEX stock_movements_refund ON stock_movements (refund_id) WHERE refund_id IS NOT NULL;
