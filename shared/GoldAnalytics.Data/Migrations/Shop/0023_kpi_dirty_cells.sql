-- Finer change tracking, so the first request after a write rebuilds only what the write touched:
-- a new sale at one branch marks (day, branch, 'sales'), and the refresh rebuilds that branch's
-- sales rollups of that day, not every rollup of every branch. Stock changes also stamp the
-- (branch, SKU) they touch, so the inventory KPIs recompute only those SKUs. Whole dirty days
-- (kpi_dirty_days, a bulk load or a repair) still rebuild everything of the day.

CREATE TABLE kpi_dirty_cells (
    day         date NOT NULL,
    branch_id   int NOT NULL,
    source      text NOT NULL,
    PRIMARY KEY (day, branch_id, source),
    CONSTRAINT kpi_dirty_cells_source_known CHECK (source IN ('sales', 'stock', 'expenses'))
);

-- The data version at which a branch's stock of a SKU last changed.
CREATE TABLE kpi_stock_versions (
    branch_id   int NOT NULL,
    product_id  int NOT NULL,
    version     bigint NOT NULL,
    PRIMARY KEY (branch_id, product_id)
);
CREATE INDEX kpi_stock_versions_version ON kpi_stock_versions (version);

-- Bumped with the data version by writes that reprice or reclassify everything (gold rates, products).
ALTER TABLE kpi_data_version ADD COLUMN reference_version bigint NOT NULL DEFAULT 0;

-- Marks (day, branch) cells of one source dirty; head-office expenses use branch 0. Returns the new version.
CREATE FUNCTION kpi_mark_cells(days date[], branches int[], cell_source text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    next_version bigint;
BEGIN
    IF days IS NULL OR cardinality(days) = 0 THEN
        RETURN NULL;
    END IF;
    UPDATE kpi_data_version SET version = version + 1 WHERE id = 1 RETURNING version INTO next_version;
    INSERT INTO kpi_day_versions (day, version)
    SELECT DISTINCT d, next_version FROM unnest(days) AS d WHERE d IS NOT NULL
    ON CONFLICT (day) DO UPDATE SET version = EXCLUDED.version;
    INSERT INTO kpi_dirty_cells (day, branch_id, source)
    SELECT DISTINCT d, b, cell_source FROM unnest(days, branches) AS c(d, b) WHERE d IS NOT NULL
    -- Lock an existing mark rather than skip it: a refresh deleting it then waits for this commit
    -- and rebuilds with these rows, instead of consuming the mark before they are visible.
    ON CONFLICT (day, branch_id, source) DO UPDATE SET source = EXCLUDED.source;
    INSERT INTO report_dirty_days (day) SELECT DISTINCT d FROM unnest(days) AS d WHERE d IS NOT NULL ON CONFLICT DO NOTHING;
    RETURN next_version;
END
$$;

-- Lines: their own cells, and the cells of refunds of changed lines (a soft-deleted line's refund
-- stops counting on the refund's own day, which may be another day and branch).
CREATE FUNCTION kpi_mark_lines_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kpi_mark_cells(array_agg(business_date), array_agg(branch_id), 'sales')
       FROM (SELECT DISTINCT business_date, branch_id FROM new_rows) c;
    RETURN NULL;
END
$$;

CREATE FUNCTION kpi_mark_lines_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kpi_mark_cells(array_agg(business_date), array_agg(branch_id), 'sales')
       FROM (SELECT business_date, branch_id FROM old_rows
             UNION SELECT business_date, branch_id FROM new_rows
             UNION SELECT r.business_date, r.branch_id FROM refunds r JOIN old_rows o ON r.invoice_line_id = o.id) c;
    RETURN NULL;
END
$$;

CREATE FUNCTION kpi_mark_lines_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kpi_mark_cells(array_agg(business_date), array_agg(branch_id), 'sales')
       FROM (SELECT business_date, branch_id FROM old_rows
             UNION SELECT r.business_date, r.branch_id FROM refunds r JOIN old_rows o ON r.invoice_line_id = o.id) c;
    RETURN NULL;
END
$$;

-- Refunds, stock movements and expenses: the cells of the old and the new rows.
CREATE FUNCTION kpi_mark_source() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    mark_source text := TG_ARGV[0];
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM kpi_mark_cells(array_agg(business_date), array_agg(branch_id), mark_source)
           FROM (SELECT DISTINCT business_date, coalesce(branch_id, 0) AS branch_id FROM new_rows) c;
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM kpi_mark_cells(array_agg(business_date), array_agg(branch_id), mark_source)
           FROM (SELECT business_date, coalesce(branch_id, 0) AS branch_id FROM old_rows
                 UNION SELECT business_date, coalesce(branch_id, 0) FROM new_rows) c;
    ELSE
        PERFORM kpi_mark_cells(array_agg(business_date), array_agg(branch_id), mark_source)
           FROM (SELECT DISTINCT business_date, coalesce(branch_id, 0) AS branch_id FROM old_rows) c;
    END IF;
    RETURN NULL;
END
$$;

-- Stock movements mark their cells and stamp the (branch, SKU) pairs with the same new version.
CREATE FUNCTION kpi_mark_stock() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    next_version bigint;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT kpi_mark_cells(array_agg(business_date), array_agg(branch_id), 'stock') INTO next_version
          FROM (SELECT DISTINCT business_date, branch_id FROM new_rows) c;
        INSERT INTO kpi_stock_versions (branch_id, product_id, version)
        SELECT DISTINCT branch_id, product_id, next_version FROM new_rows
        ON CONFLICT (branch_id, product_id) DO UPDATE SET version = EXCLUDED.version;
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT kpi_mark_cells(array_agg(business_date), array_agg(branch_id), 'stock') INTO next_version
          FROM (SELECT business_date, branch_id FROM old_rows UNION SELECT business_date, branch_id FROM new_rows) c;
        INSERT INTO kpi_stock_versions (branch_id, product_id, version)
        SELECT branch_id, product_id, next_version FROM old_rows UNION SELECT branch_id, product_id, next_version FROM new_rows
        ON CONFLICT (branch_id, product_id) DO UPDATE SET version = EXCLUDED.version;
    ELSE
        SELECT kpi_mark_cells(array_agg(business_date), array_agg(branch_id), 'stock') INTO next_version
          FROM (SELECT DISTINCT business_date, branch_id FROM old_rows) c;
        INSERT INTO kpi_stock_versions (branch_id, product_id, version)
        SELECT DISTINCT branch_id, product_id, next_version FROM old_rows
        ON CONFLICT (branch_id, product_id) DO UPDATE SET version = EXCLUDED.version;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION kpi_bump_reference_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE kpi_data_version SET version = version + 1, reference_version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

DROP TRIGGER invoice_lines_kpi_insert ON invoice_lines;
DROP TRIGGER invoice_lines_kpi_update ON invoice_lines;
DROP TRIGGER invoice_lines_kpi_delete ON invoice_lines;
CREATE TRIGGER invoice_lines_kpi_insert AFTER INSERT ON invoice_lines REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_lines_inserted();
CREATE TRIGGER invoice_lines_kpi_update AFTER UPDATE ON invoice_lines REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_lines_updated();
CREATE TRIGGER invoice_lines_kpi_delete AFTER DELETE ON invoice_lines REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_lines_deleted();

DROP TRIGGER refunds_kpi_insert ON refunds;
DROP TRIGGER refunds_kpi_update ON refunds;
DROP TRIGGER refunds_kpi_delete ON refunds;
CREATE TRIGGER refunds_kpi_insert AFTER INSERT ON refunds REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_source('sales');
CREATE TRIGGER refunds_kpi_update AFTER UPDATE ON refunds REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_source('sales');
CREATE TRIGGER refunds_kpi_delete AFTER DELETE ON refunds REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_source('sales');

DROP TRIGGER stock_movements_kpi_insert ON stock_movements;
DROP TRIGGER stock_movements_kpi_update ON stock_movements;
DROP TRIGGER stock_movements_kpi_delete ON stock_movements;
CREATE TRIGGER stock_movements_kpi_insert AFTER INSERT ON stock_movements REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_stock();
CREATE TRIGGER stock_movements_kpi_update AFTER UPDATE ON stock_movements REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_stock();
CREATE TRIGGER stock_movements_kpi_delete AFTER DELETE ON stock_movements REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_stock();

DROP TRIGGER expenses_kpi_insert ON expenses;
DROP TRIGGER expenses_kpi_update ON expenses;
DROP TRIGGER expenses_kpi_delete ON expenses;
CREATE TRIGGER expenses_kpi_insert AFTER INSERT ON expenses REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_source('expenses');
CREATE TRIGGER expenses_kpi_update AFTER UPDATE ON expenses REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_source('expenses');
CREATE TRIGGER expenses_kpi_delete AFTER DELETE ON expenses REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_source('expenses');

-- Gold rates and product edits reprice or reclassify stock everywhere; a new product joins the movers.
DROP TRIGGER gold_rates_kpi_version ON gold_rates;
DROP TRIGGER products_kpi_version ON products;
CREATE TRIGGER gold_rates_kpi_version AFTER INSERT OR UPDATE OR DELETE ON gold_rates
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_bump_reference_version();
CREATE TRIGGER products_kpi_version AFTER INSERT OR UPDATE OR DELETE ON products
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_bump_reference_version();

-- Whole dirty days (a bulk load or a repair) touch stock without SKU stamps: they reprice everything.
CREATE OR REPLACE FUNCTION kpi_mark_days(days date[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    next_version bigint;
BEGIN
    IF days IS NULL OR cardinality(days) = 0 THEN
        RETURN;
    END IF;
    UPDATE kpi_data_version SET version = version + 1, reference_version = version + 1 WHERE id = 1 RETURNING version INTO next_version;
    INSERT INTO kpi_day_versions (day, version)
    SELECT DISTINCT d, next_version FROM unnest(days) AS d WHERE d IS NOT NULL
    ON CONFLICT (day) DO UPDATE SET version = EXCLUDED.version;
    INSERT INTO kpi_dirty_days (day) SELECT DISTINCT d FROM unnest(days) AS d WHERE d IS NOT NULL ON CONFLICT DO NOTHING;
    INSERT INTO report_dirty_days (day) SELECT DISTINCT d FROM unnest(days) AS d WHERE d IS NOT NULL ON CONFLICT DO NOTHING;
END
$$;
