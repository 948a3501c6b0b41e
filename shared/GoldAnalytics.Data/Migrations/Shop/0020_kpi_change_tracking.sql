-- What the KPI engine needs to know about writes: a data version bumped by every statement that
-- changes the numbers (read by the cache before it serves anything), the version at which each
-- business day last changed (so a cache refetches only those days), and the days whose rollups
-- must be rebuilt. Statement-level triggers keep all three in the writer's own transaction, so a
-- write is never acknowledged before the KPIs know about it.

CREATE TABLE kpi_data_version (
    id          smallint PRIMARY KEY DEFAULT 1,
    version     bigint NOT NULL,
    CONSTRAINT kpi_data_version_single_row CHECK (id = 1)
);
INSERT INTO kpi_data_version (id, version) VALUES (1, 1);

-- The data version at which a business day's numbers last changed.
CREATE TABLE kpi_day_versions (
    day         date PRIMARY KEY,
    version     bigint NOT NULL
);
CREATE INDEX kpi_day_versions_version ON kpi_day_versions (version);

-- Days whose rollups are behind the lines; emptied by the rollup refresh.
CREATE TABLE kpi_dirty_days (
    day         date PRIMARY KEY,
    marked_at   timestamptz NOT NULL DEFAULT now()
);

-- Period reports whose numbers are behind: every period containing a changed day, per grain.
CREATE TABLE report_dirty_days (
    day         date PRIMARY KEY,
    marked_at   timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION kpi_mark_days(days date[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    next_version bigint;
BEGIN
    IF days IS NULL OR cardinality(days) = 0 THEN
        RETURN;
    END IF;
    UPDATE kpi_data_version SET version = version + 1 WHERE id = 1 RETURNING version INTO next_version;
    INSERT INTO kpi_day_versions (day, version)
    SELECT DISTINCT d, next_version FROM unnest(days) AS d WHERE d IS NOT NULL
    ON CONFLICT (day) DO UPDATE SET version = EXCLUDED.version;
    INSERT INTO kpi_dirty_days (day) SELECT DISTINCT d FROM unnest(days) AS d WHERE d IS NOT NULL ON CONFLICT DO NOTHING;
    INSERT INTO report_dirty_days (day) SELECT DISTINCT d FROM unnest(days) AS d WHERE d IS NOT NULL ON CONFLICT DO NOTHING;
END
$$;

-- Writes without a business day (targets, product costs) change numbers but no rollup.
CREATE FUNCTION kpi_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE kpi_data_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

CREATE FUNCTION kpi_mark_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kpi_mark_days(ARRAY(SELECT DISTINCT business_date FROM new_rows));
    RETURN NULL;
END
$$;

CREATE FUNCTION kpi_mark_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kpi_mark_days(ARRAY(SELECT DISTINCT business_date FROM old_rows));
    RETURN NULL;
END
$$;

-- An edit can move a row to another day: both the old and the new day change.
CREATE FUNCTION kpi_mark_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kpi_mark_days(ARRAY(SELECT business_date FROM old_rows UNION SELECT business_date FROM new_rows));
    RETURN NULL;
END
$$;

-- Invoice edits reach the lines through invoices_copy_to_lines, so the lines' triggers cover them.
CREATE TRIGGER invoice_lines_kpi_insert AFTER INSERT ON invoice_lines REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_inserted();
CREATE TRIGGER invoice_lines_kpi_update AFTER UPDATE ON invoice_lines REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_updated();
CREATE TRIGGER invoice_lines_kpi_delete AFTER DELETE ON invoice_lines REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_deleted();

CREATE TRIGGER refunds_kpi_insert AFTER INSERT ON refunds REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_inserted();
CREATE TRIGGER refunds_kpi_update AFTER UPDATE ON refunds REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_updated();
CREATE TRIGGER refunds_kpi_delete AFTER DELETE ON refunds REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_deleted();

CREATE TRIGGER stock_movements_kpi_insert AFTER INSERT ON stock_movements REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_inserted();
CREATE TRIGGER stock_movements_kpi_update AFTER UPDATE ON stock_movements REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_updated();
CREATE TRIGGER stock_movements_kpi_delete AFTER DELETE ON stock_movements REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_deleted();

CREATE TRIGGER expenses_kpi_insert AFTER INSERT ON expenses REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_inserted();
CREATE TRIGGER expenses_kpi_update AFTER UPDATE ON expenses REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_updated();
CREATE TRIGGER expenses_kpi_delete AFTER DELETE ON expenses REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_deleted();

CREATE TRIGGER targets_kpi_version AFTER INSERT OR UPDATE OR DELETE ON targets
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_bump_version();
CREATE TRIGGER gold_rates_kpi_version AFTER INSERT OR UPDATE OR DELETE ON gold_rates
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_bump_version();
CREATE TRIGGER products_kpi_version AFTER UPDATE OR DELETE ON products
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_bump_version();
