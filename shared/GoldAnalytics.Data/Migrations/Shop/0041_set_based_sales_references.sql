-- A foreign key is checked by a row trigger running one query per inserted row. For a million-line
-- sales import those checks (six per line and invoice) cost more than inserting the rows. The
-- references of invoices and invoice lines are therefore checked once per statement, set-based over
-- the statement's transition table, with a foreign key's guarantees:
-- * every reference exists (NULL references are allowed), else 23503 foreign_key_violation naming
--   the constraint the foreign key had;
-- * the referenced rows are locked FOR KEY SHARE (once per distinct row), so no concurrent
--   transaction can delete them before this one commits;
-- * deleting a referenced row is refused (23503), except an invoice, whose lines go with it.
-- Referenced keys are identity columns and never change, so updates of parents need no check.

-- TG_ARGV: pairs of (referencing column, referenced table with an id primary key).
-- Transition tables have no statistics and a table filled by this transaction may have stale ones, so
-- every lookup is pinned to an index probe per distinct key (LATERAL, no seq scan), as a foreign key's own query.
CREATE FUNCTION references_check() RETURNS trigger LANGUAGE plpgsql
SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
    i int := 0;
    wanted bigint;
    found bigint;
    missing text;
BEGIN
    WHILE i < TG_NARGS LOOP
        EXECUTE format('SELECT count(DISTINCT %1$I) FROM new_rows', TG_ARGV[i]) INTO wanted;
        EXECUTE format('SELECT count(*) FROM (SELECT DISTINCT %1$I AS k FROM new_rows WHERE %1$I IS NOT NULL) n, LATERAL (SELECT 1 FROM %2$I p WHERE p.id = n.k FOR KEY SHARE) l',
                       TG_ARGV[i], TG_ARGV[i + 1]) INTO found;
        IF found < wanted THEN
            EXECUTE format('SELECT n.k::text FROM (SELECT DISTINCT %1$I AS k FROM new_rows WHERE %1$I IS NOT NULL) n LEFT JOIN LATERAL (SELECT 1 AS hit FROM %2$I p WHERE p.id = n.k) l ON true WHERE l.hit IS NULL LIMIT 1',
                           TG_ARGV[i], TG_ARGV[i + 1]) INTO missing;
            RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', TG_TABLE_NAME, format('%s_%s_fkey', TG_TABLE_NAME, TG_ARGV[i])
                USING ERRCODE = 'foreign_key_violation',
                      DETAIL = format('Key (%s)=(%s) is not present in table "%s".', TG_ARGV[i], missing, TG_ARGV[i + 1]),
                      TABLE = TG_TABLE_NAME, COLUMN = TG_ARGV[i], CONSTRAINT = format('%s_%s_fkey', TG_TABLE_NAME, TG_ARGV[i]);
        END IF;
        i := i + 2;
    END LOOP;
    RETURN NULL;
END
$$;

-- TG_ARGV: pairs of (referencing table, referencing column) that must not point at a deleted row.
CREATE FUNCTION references_restrict_delete() RETURNS trigger LANGUAGE plpgsql
SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
    i int := 0;
    referenced text;
BEGIN
    WHILE i < TG_NARGS LOOP
        EXECUTE format('SELECT o.id::text FROM old_rows o, LATERAL (SELECT 1 FROM %1$I c WHERE c.%2$I = o.id LIMIT 1) l LIMIT 1', TG_ARGV[i], TG_ARGV[i + 1])
            INTO referenced;
        IF referenced IS NOT NULL THEN
            RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "%"', TG_TABLE_NAME, format('%s_%s_fkey', TG_ARGV[i], TG_ARGV[i + 1]), TG_ARGV[i]
                USING ERRCODE = 'foreign_key_violation',
                      DETAIL = format('Key (id)=(%s) is still referenced from table "%s".', referenced, TG_ARGV[i]),
                      TABLE = TG_ARGV[i], CONSTRAINT = format('%s_%s_fkey', TG_ARGV[i], TG_ARGV[i + 1]);
        END IF;
        i := i + 2;
    END LOOP;
    RETURN NULL;
END
$$;

CREATE FUNCTION invoices_delete_lines() RETURNS trigger LANGUAGE plpgsql
SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
    DELETE FROM invoice_lines WHERE invoice_id = ANY (ARRAY(SELECT id FROM old_rows));
    RETURN NULL;
END
$$;

ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_invoice_id_fkey, DROP CONSTRAINT invoice_lines_product_id_fkey;
ALTER TABLE invoices DROP CONSTRAINT invoices_branch_id_fkey, DROP CONSTRAINT invoices_salesperson_id_fkey,
    DROP CONSTRAINT invoices_customer_id_fkey, DROP CONSTRAINT invoices_import_file_id_fkey;

CREATE TRIGGER invoice_lines_references_insert AFTER INSERT ON invoice_lines REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION references_check('invoice_id', 'invoices', 'product_id', 'products');
CREATE TRIGGER invoice_lines_references_update AFTER UPDATE ON invoice_lines REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION references_check('invoice_id', 'invoices', 'product_id', 'products');
CREATE TRIGGER invoices_references_insert AFTER INSERT ON invoices REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION references_check('branch_id', 'branches', 'salesperson_id', 'staff', 'customer_id', 'customers', 'import_file_id', 'import_files');
CREATE TRIGGER invoices_references_update AFTER UPDATE ON invoices REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION references_check('branch_id', 'branches', 'salesperson_id', 'staff', 'customer_id', 'customers', 'import_file_id', 'import_files');

-- Before the other delete checks of invoices (refunds, trade-ins, loyalty) see the invoice gone; the lines cascade as before.
CREATE TRIGGER invoices_delete_lines AFTER DELETE ON invoices REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION invoices_delete_lines();
CREATE TRIGGER products_referenced_by_lines AFTER DELETE ON products REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION references_restrict_delete('invoice_lines', 'product_id');
CREATE TRIGGER branches_referenced_by_invoices AFTER DELETE ON branches REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION references_restrict_delete('invoices', 'branch_id');
CREATE TRIGGER staff_referenced_by_invoices AFTER DELETE ON staff REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION references_restrict_delete('invoices', 'salesperson_id');
CREATE TRIGGER customers_referenced_by_invoices AFTER DELETE ON customers REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION references_restrict_delete('invoices', 'customer_id');
CREATE TRIGGER import_files_referenced_by_invoices AFTER DELETE ON import_files REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION references_restrict_delete('invoices', 'import_file_id');
