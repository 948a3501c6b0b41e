-- A new sale adds to the rollups in the writer's own transaction instead of marking its cells for a
-- rebuild: when every line of the statement's invoices is new (no earlier line of those invoices
-- exists), each rollup row's sums and distinct-invoice counts simply grow by the new lines' own.
-- Anything else (lines added to an existing invoice, bulk statements, edits, deletes) still marks
-- its (day, branch) cells for the exact rebuild. New stock movements add to stock_daily the same way.
-- The refresh locks the version row first, so it never rebuilds a cell while a writer adds to it.

CREATE FUNCTION kpi_bump_days(days date[]) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    next_version bigint;
BEGIN
    UPDATE kpi_data_version SET version = version + 1 WHERE id = 1 RETURNING version INTO next_version;
    INSERT INTO kpi_day_versions (day, version)
    SELECT DISTINCT d, next_version FROM unnest(days) AS d WHERE d IS NOT NULL
    ON CONFLICT (day) DO UPDATE SET version = EXCLUDED.version;
    INSERT INTO report_dirty_days (day) SELECT DISTINCT d FROM unnest(days) AS d WHERE d IS NOT NULL ON CONFLICT DO NOTHING;
    RETURN next_version;
END
$$;

CREATE OR REPLACE FUNCTION kpi_mark_lines_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT count(*) FROM new_rows) > 1000 OR EXISTS (
        SELECT 1 FROM invoice_lines o
         WHERE o.invoice_id IN (SELECT invoice_id FROM new_rows) AND o.id NOT IN (SELECT id FROM new_rows)) THEN
        PERFORM kpi_mark_cells(array_agg(business_date), array_agg(branch_id), 'sales')
           FROM (SELECT DISTINCT business_date, branch_id FROM new_rows) c;
        RETURN NULL;
    END IF;

    PERFORM kpi_bump_days(ARRAY(SELECT DISTINCT business_date FROM new_rows));

    INSERT INTO sales_daily AS s
    SELECT business_date, branch_id, salesperson_id, category, product_line_id, karat,
           sum(gold_value + making_charge + stone_value), sum(discount), sum(tax), sum(line_cost), 0, 0,
           count(DISTINCT invoice_id), sum(quantity), sum(weight_g), 0
      FROM new_rows WHERE deleted_at IS NULL
     GROUP BY business_date, branch_id, salesperson_id, category, product_line_id, karat
    ON CONFLICT (day, branch_id, salesperson_id, category, product_line_id, karat) DO UPDATE SET
           gross_sales = s.gross_sales + EXCLUDED.gross_sales, discounts = s.discounts + EXCLUDED.discounts,
           tax = s.tax + EXCLUDED.tax, cost = s.cost + EXCLUDED.cost, transactions = s.transactions + EXCLUDED.transactions,
           units = s.units + EXCLUDED.units, grams = s.grams + EXCLUDED.grams;

    INSERT INTO invoice_daily AS s (day, branch_id, salesperson_id, gross_sales, discounts, tax, cost, refunds, refunded_cost,
                                    transactions, units, grams, refunded_units)
    SELECT business_date, branch_id, salesperson_id,
           sum(gold_value + making_charge + stone_value), sum(discount), sum(tax), sum(line_cost), 0, 0,
           count(DISTINCT invoice_id), sum(quantity), sum(weight_g), 0
      FROM new_rows WHERE deleted_at IS NULL
     GROUP BY business_date, branch_id, salesperson_id
    ON CONFLICT (day, branch_id, salesperson_id) DO UPDATE SET
           gross_sales = s.gross_sales + EXCLUDED.gross_sales, discounts = s.discounts + EXCLUDED.discounts,
           tax = s.tax + EXCLUDED.tax, cost = s.cost + EXCLUDED.cost, transactions = s.transactions + EXCLUDED.transactions,
           units = s.units + EXCLUDED.units, grams = s.grams + EXCLUDED.grams;

    INSERT INTO product_daily AS s
    SELECT business_date, branch_id, product_id, min(category), min(product_line_id), min(karat),
           sum(gold_value + making_charge + stone_value), sum(discount), sum(tax), sum(line_cost), 0, 0,
           count(DISTINCT invoice_id), sum(quantity), sum(weight_g), 0
      FROM new_rows WHERE deleted_at IS NULL
     GROUP BY business_date, branch_id, product_id
    ON CONFLICT (day, branch_id, product_id) DO UPDATE SET
           gross_sales = s.gross_sales + EXCLUDED.gross_sales, discounts = s.discounts + EXCLUDED.discounts,
           tax = s.tax + EXCLUDED.tax, cost = s.cost + EXCLUDED.cost, transactions = s.transactions + EXCLUDED.transactions,
           units = s.units + EXCLUDED.units, grams = s.grams + EXCLUDED.grams;

    INSERT INTO customer_daily AS s
    SELECT business_date, customer_id, branch_id, count(DISTINCT invoice_id),
           sum(gold_value + making_charge + stone_value - discount),
           sum(gold_value + making_charge + stone_value - discount - line_cost)
      FROM new_rows WHERE deleted_at IS NULL AND customer_id IS NOT NULL
     GROUP BY business_date, customer_id, branch_id
    ON CONFLICT (day, customer_id, branch_id) DO UPDATE SET
           invoices = s.invoices + EXCLUDED.invoices, net_revenue = s.net_revenue + EXCLUDED.net_revenue,
           gross_profit = s.gross_profit + EXCLUDED.gross_profit;

    -- The earliest (day, branch) wins, as the rebuild's "first day with an invoice, lowest branch".
    INSERT INTO customer_first_purchase AS f (customer_id, first_day, branch_id)
    SELECT DISTINCT ON (customer_id) customer_id, business_date, branch_id
      FROM new_rows WHERE deleted_at IS NULL AND customer_id IS NOT NULL
     ORDER BY customer_id, business_date, branch_id
    ON CONFLICT (customer_id) DO UPDATE SET first_day = EXCLUDED.first_day, branch_id = EXCLUDED.branch_id
     WHERE (EXCLUDED.first_day, EXCLUDED.branch_id) < (f.first_day, f.branch_id);
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION kpi_mark_stock() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    next_version bigint;
    small_insert boolean := false;
BEGIN
    -- Checked on its own: a DELETE or UPDATE statement has no new_rows to count (an AND would still plan it).
    IF TG_OP = 'INSERT' THEN
        small_insert := (SELECT count(*) FROM new_rows) <= 1000;
    END IF;
    IF small_insert THEN
        next_version := kpi_bump_days(ARRAY(SELECT DISTINCT business_date FROM new_rows));
        INSERT INTO stock_daily AS s
        SELECT business_date, branch_id, product_id, sum(quantity), sum(weight_g),
               coalesce(sum(quantity) FILTER (WHERE kind IN ('receipt', 'transfer_in')), 0),
               coalesce(-sum(quantity) FILTER (WHERE kind = 'sale'), 0)
          FROM new_rows GROUP BY business_date, branch_id, product_id
        ON CONFLICT (day, branch_id, product_id) DO UPDATE SET
               net_units = s.net_units + EXCLUDED.net_units, net_grams = s.net_grams + EXCLUDED.net_grams,
               received_units = s.received_units + EXCLUDED.received_units, sold_units = s.sold_units + EXCLUDED.sold_units;
        INSERT INTO kpi_stock_versions (branch_id, product_id, version)
        SELECT DISTINCT branch_id, product_id, next_version FROM new_rows
        ON CONFLICT (branch_id, product_id) DO UPDATE SET version = EXCLUDED.version;
    ELSIF TG_OP = 'INSERT' THEN
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
