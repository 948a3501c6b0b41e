-- Stored period reports: the additive sales totals of every day, ISO week, month, quarter and year
-- for the shop, each branch, each product line and each SKU, and the KPI values per day and month.
-- Derived figures (revenue, profit, margin) are not stored: the query API applies the same domain
-- formulas the live KPIs use to these totals, so both agree to the cent.

CREATE TABLE period_reports (
    grain           text NOT NULL,
    period_start    date NOT NULL,
    period_end      date NOT NULL,
    scope           text NOT NULL,
    -- 0 for the shop.
    scope_id        int NOT NULL,
    gross_sales     numeric(18,2) NOT NULL,
    discounts       numeric(18,2) NOT NULL,
    tax             numeric(18,2) NOT NULL,
    cost            numeric(18,2) NOT NULL,
    refunds         numeric(18,2) NOT NULL,
    refunded_cost   numeric(18,2) NOT NULL,
    transactions    bigint NOT NULL,
    units           bigint NOT NULL,
    grams           numeric(18,3) NOT NULL,
    data_version    bigint NOT NULL,
    computed_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain, scope, scope_id, period_start),
    CONSTRAINT period_reports_grain_known CHECK (grain IN ('day', 'week', 'month', 'quarter', 'year')),
    CONSTRAINT period_reports_scope_known CHECK (scope IN ('shop', 'branch', 'product_line', 'sku'))
);
CREATE INDEX period_reports_period ON period_reports (grain, period_start);

-- KPI values of the shop and each branch per day and month, as the dashboard showed them.
CREATE TABLE kpi_snapshots (
    grain           text NOT NULL,
    period_start    date NOT NULL,
    scope           text NOT NULL,
    scope_id        int NOT NULL,
    kpi             text NOT NULL,
    value           numeric,
    null_reason     text,
    target          numeric(18,2),
    data_version    bigint NOT NULL,
    computed_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain, scope, scope_id, kpi, period_start),
    CONSTRAINT kpi_snapshots_grain_known CHECK (grain IN ('day', 'month')),
    CONSTRAINT kpi_snapshots_scope_known CHECK (scope IN ('shop', 'branch'))
);

-- Periods waiting to be recomputed; a period leaves this table in the transaction that rewrites it.
CREATE TABLE report_dirty_periods (
    grain           text NOT NULL,
    period_start    date NOT NULL,
    marked_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain, period_start)
);
