-- Daily rollups every KPI, business question and period report reads instead of raw lines.
-- Rebuilt per dirty day by KpiRollups (DELETE the day, INSERT ... SELECT ... GROUP BY, one transaction).
-- Measures are additive so any range or filter is a sum of rows. Refunds sit on their own business
-- date with the refunded line's salesperson, category, product line and karat.

-- Per day × branch × salesperson × category × product line × karat: the financial KPIs.
CREATE TABLE sales_daily (
    day                 date NOT NULL,
    branch_id           int NOT NULL,
    salesperson_id      int NOT NULL,
    category            text NOT NULL,
    product_line_id     int NOT NULL,
    karat               smallint NOT NULL,
    gross_sales         numeric(16,2) NOT NULL,
    discounts           numeric(16,2) NOT NULL,
    tax                 numeric(16,2) NOT NULL,
    cost                numeric(16,2) NOT NULL,
    refunds             numeric(16,2) NOT NULL,
    refunded_cost       numeric(16,2) NOT NULL,
    -- Invoices with at least one line in the cell.
    transactions        bigint NOT NULL,
    units               bigint NOT NULL,
    grams               numeric(16,3) NOT NULL,
    refunded_units      bigint NOT NULL,
    PRIMARY KEY (day, branch_id, salesperson_id, category, product_line_id, karat)
);
CREATE INDEX sales_daily_branch_day ON sales_daily (branch_id, day);

-- Per day × branch × salesperson: the same measures, about a hundred times fewer rows, and exact
-- invoice counts; serves every query without a product filter.
CREATE TABLE invoice_daily (
    day                 date NOT NULL,
    branch_id           int NOT NULL,
    salesperson_id      int NOT NULL,
    gross_sales         numeric(16,2) NOT NULL,
    discounts           numeric(16,2) NOT NULL,
    tax                 numeric(16,2) NOT NULL,
    cost                numeric(16,2) NOT NULL,
    refunds             numeric(16,2) NOT NULL,
    refunded_cost       numeric(16,2) NOT NULL,
    transactions        bigint NOT NULL,
    units               bigint NOT NULL,
    grams               numeric(16,3) NOT NULL,
    refunded_units      bigint NOT NULL,
    PRIMARY KEY (day, branch_id, salesperson_id)
);

-- Per day × branch × product: SKU reports, product profitability, movers.
CREATE TABLE product_daily (
    day                 date NOT NULL,
    branch_id           int NOT NULL,
    product_id          int NOT NULL,
    category            text NOT NULL,
    product_line_id     int NOT NULL,
    karat               smallint NOT NULL,
    gross_sales         numeric(16,2) NOT NULL,
    discounts           numeric(16,2) NOT NULL,
    tax                 numeric(16,2) NOT NULL,
    cost                numeric(16,2) NOT NULL,
    refunds             numeric(16,2) NOT NULL,
    refunded_cost       numeric(16,2) NOT NULL,
    transactions        bigint NOT NULL,
    units               bigint NOT NULL,
    grams               numeric(16,3) NOT NULL,
    refunded_units      bigint NOT NULL,
    PRIMARY KEY (day, branch_id, product_id)
);
CREATE INDEX product_daily_product_day ON product_daily (product_id, day);

-- Per day × customer × branch: customer KPIs, RFM, cohorts, most valuable customers.
CREATE TABLE customer_daily (
    day                 date NOT NULL,
    customer_id         bigint NOT NULL,
    branch_id           int NOT NULL,
    invoices            bigint NOT NULL,
    net_revenue         numeric(16,2) NOT NULL,
    gross_profit        numeric(16,2) NOT NULL,
    PRIMARY KEY (day, customer_id, branch_id)
);
CREATE INDEX customer_daily_customer ON customer_daily (customer_id, day);

-- First invoice day of every customer who ever bought, kept with customer_daily.
CREATE TABLE customer_first_purchase (
    customer_id         bigint PRIMARY KEY,
    first_day           date NOT NULL,
    branch_id           int NOT NULL
);
CREATE INDEX customer_first_purchase_day ON customer_first_purchase (first_day);

-- Per day × branch × product: the stock journal's net movement, receipts and sales.
CREATE TABLE stock_daily (
    day                 date NOT NULL,
    branch_id           int NOT NULL,
    product_id          int NOT NULL,
    net_units           bigint NOT NULL,
    net_grams           numeric(16,3) NOT NULL,
    received_units      bigint NOT NULL,
    sold_units          bigint NOT NULL,
    PRIMARY KEY (day, branch_id, product_id)
);
CREATE INDEX stock_daily_product ON stock_daily (branch_id, product_id, day);

-- Per day × branch × expense category; head-office costs have branch 0.
CREATE TABLE expense_daily (
    day                 date NOT NULL,
    branch_id           int NOT NULL,
    category            text NOT NULL,
    amount              numeric(16,2) NOT NULL,
    PRIMARY KEY (day, branch_id, category)
);
