using Dapper;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Data.Tests.DemoData;
using Npgsql;

namespace GoldAnalytics.Data.Tests.Kpis.Incremental;

/// <summary>
/// On the demo shop, the set-based rebuild of every rollup equals what the incremental refresh builds;
/// it swaps its shadow tables in with the rollups' shape, and a failure leaves the rollups untouched.
/// </summary>
public sealed class FullRebuildTests(LoadedShopFixture shop) : IClassFixture<LoadedShopFixture>, IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;

    private KpiRollups Rollups => new(_dataSource);

    public Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(shop.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task The_set_based_rebuild_equals_the_cell_by_cell_refresh_of_every_cell()
    {
        // As after the bulk load, whose COPY statements marked every (day, branch) cell of every source.
        await using (var connection = await _dataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(MarkEveryCell);
        }

        await Rollups.RefreshDirtyCellsAsync();
        var refreshed = await RollupContents.ReadAsync(_dataSource);

        var summary = await Rollups.RebuildAllAsync();

        var rebuilt = await RollupContents.ReadAsync(_dataSource);
        summary.Months.Should().BeGreaterThan(1, "the demo shop spans several calendar months, each its own chunk");
        RollupContents.ShouldBeEqual(rebuilt, refreshed, "rebuilt set-based", "refreshed cell by cell");
        foreach (var (table, rows) in rebuilt)
        {
            summary.Rows[table].Should().Be(rows.Count, table);
        }
    }

    [Fact]
    public async Task The_set_based_rebuild_equals_the_day_by_day_refresh_of_every_day()
    {
        await Rollups.RebuildAllAsync();
        var rebuilt = await RollupContents.ReadAsync(_dataSource);

        await Rollups.MarkEveryDayDirtyAsync();
        var days = await Rollups.RefreshDirtyCellsAsync();

        days.Should().HaveCountGreaterThan(50);
        RollupContents.ShouldBeEqual(await RollupContents.ReadAsync(_dataSource), rebuilt, "refreshed day by day", "rebuilt set-based");
    }

    [Fact]
    public async Task One_transaction_and_parallel_sessions_rebuild_the_same_rollups()
    {
        var parallel = await Rollups.RebuildAllAsync(sessions: 2);
        var rebuiltInParallel = await RollupContents.ReadAsync(_dataSource);

        var single = await Rollups.RebuildAllAsync(sessions: 1);

        parallel.Sessions.Should().Be(2);
        single.Sessions.Should().Be(1);
        RollupContents.ShouldBeEqual(await RollupContents.ReadAsync(_dataSource), rebuiltInParallel, "rebuilt in one transaction", "rebuilt in two sessions");
    }

    [Fact]
    public async Task The_rebuild_consumes_every_mark_and_stamps_every_day_changed_for_the_caches_and_the_reports()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await Rollups.MarkEveryDayDirtyAsync();
        await connection.ExecuteAsync("DELETE FROM report_dirty_days");
        var before = await connection.QuerySingleAsync<(long Version, long Reference)>("SELECT version, reference_version FROM kpi_data_version");

        await Rollups.RebuildAllAsync();

        var after = await connection.QuerySingleAsync<(long Version, long Reference)>("SELECT version, reference_version FROM kpi_data_version");
        after.Version.Should().BeGreaterThan(before.Version);
        after.Reference.Should().Be(after.Version, "a rebuild reprices the stock as any bulk repair does");
        (await Rollups.HasDirtyDaysAsync()).Should().BeFalse();
        var unstamped = await connection.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM (SELECT DISTINCT business_date AS day FROM invoice_lines UNION SELECT business_date FROM stock_movements) d
             WHERE NOT EXISTS (SELECT 1 FROM kpi_day_versions v WHERE v.day = d.day AND v.version = @version)
                OR NOT EXISTS (SELECT 1 FROM report_dirty_days r WHERE r.day = d.day)
            """, new { version = after.Version });
        unstamped.Should().Be(0);
    }

    [Fact]
    public async Task Sales_written_after_a_rebuild_keep_the_rollups_equal_to_a_rebuild()
    {
        await Rollups.RebuildAllAsync();
        await using var connection = await _dataSource.OpenConnectionAsync();

        // A copy of the last day's first invoice (a new invoice: its writer adds it to the rollups) and a refund of one of its lines.
        await connection.ExecuteAsync("""
            WITH source AS (SELECT * FROM invoices WHERE business_date = (SELECT max(business_date) FROM invoices) ORDER BY id LIMIT 1),
            copy AS (
                INSERT INTO invoices (number, branch_id, salesperson_id, customer_id, issued_at, business_date, subtotal, discount, tax, total, cost)
                SELECT number || '-copy', branch_id, salesperson_id, customer_id, issued_at, business_date, subtotal, discount, tax, total, cost
                  FROM source RETURNING id)
            INSERT INTO invoice_lines (invoice_id, line_no, product_id, quantity, weight_g, gold_rate, gold_value, making_charge_type,
                making_charge_value, making_charge, stone_value, discount, tax_rate, tax, line_total, line_cost, business_date, branch_id,
                salesperson_id, customer_id, category, product_line_id, karat)
            SELECT c.id, l.line_no, l.product_id, l.quantity, l.weight_g, l.gold_rate, l.gold_value, l.making_charge_type,
                   l.making_charge_value, l.making_charge, l.stone_value, l.discount, l.tax_rate, l.tax, l.line_total, l.line_cost,
                   l.business_date, l.branch_id, l.salesperson_id, l.customer_id, l.category, l.product_line_id, l.karat
              FROM copy c JOIN source s ON true JOIN invoice_lines l ON l.invoice_id = s.id
            """);
        await connection.ExecuteAsync("""
            INSERT INTO refunds (invoice_line_id, invoice_id, branch_id, product_id, business_date, refunded_at, quantity, amount, cost_reversed, reason)
            SELECT id, invoice_id, branch_id, product_id, business_date + 1, now(), 1, line_total, line_cost, 'changed mind'
              FROM invoice_lines WHERE id = (SELECT max(id) FROM invoice_lines)
            """);
        await Rollups.RefreshDirtyAsync();
        var refreshed = await RollupContents.ReadAsync(_dataSource);

        await Rollups.RebuildAllAsync();

        RollupContents.ShouldBeEqual(await RollupContents.ReadAsync(_dataSource), refreshed, "rebuilt set-based", "kept by the writers and the refresh");
    }

    private const string MarkEveryCell = """
        TRUNCATE sales_daily, invoice_daily, product_daily, customer_daily, customer_first_purchase, stock_daily, expense_daily;
        SELECT kpi_mark_cells(array_agg(day), array_agg(branch_id), 'sales')
          FROM (SELECT business_date AS day, branch_id FROM invoice_lines UNION SELECT business_date, branch_id FROM refunds) c;
        SELECT kpi_mark_cells(array_agg(day), array_agg(branch_id), 'stock')
          FROM (SELECT DISTINCT business_date AS day, branch_id FROM stock_movements) c;
        SELECT kpi_mark_cells(array_agg(day), array_agg(branch_id), 'expenses')
          FROM (SELECT DISTINCT business_date AS day, coalesce(branch_id, 0) AS branch_id FROM expenses) c;
        """;

    [Fact]
    public async Task The_swapped_in_rollups_keep_their_columns_keys_index_names_and_definitions()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        var before = (await connection.QueryAsync<string>(Shape, new { tables = Tables })).ToList();

        await Rollups.RebuildAllAsync();

        var after = (await connection.QueryAsync<string>(Shape, new { tables = Tables })).ToList();
        before.Should().Contain(s => s.Contains("customer_daily_customer", StringComparison.Ordinal), "the secondary indexes are part of the shape");
        after.Should().Equal(before);
        (await connection.ExecuteScalarAsync<long>(ShadowTables)).Should().Be(0, "no shadow table outlives a rebuild");
    }

    [Fact]
    public async Task A_rebuild_whose_swap_fails_leaves_the_rollups_the_marks_and_no_shadow_tables()
    {
        await Rollups.RebuildAllAsync();
        await using var connection = await _dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("DELETE FROM sales_daily WHERE day = (SELECT max(day) FROM sales_daily)");
        await connection.ExecuteAsync("SELECT kpi_mark_cells(ARRAY[(SELECT max(day) FROM invoice_daily)], ARRAY[0], 'expenses')");
        var damaged = await RollupContents.ReadAsync(_dataSource);

        // A view on a rollup: the swap may not drop the table under it, so the rebuild fails at the swap.
        await connection.ExecuteAsync("CREATE VIEW sales_daily_watch AS SELECT day, gross_sales FROM sales_daily");
        var failing = () => Rollups.RebuildAllAsync();
        await failing.Should().ThrowAsync<PostgresException>();

        RollupContents.ShouldBeEqual(await RollupContents.ReadAsync(_dataSource), damaged, "after the failed rebuild", "before it");
        (await Rollups.HasDirtyDaysAsync()).Should().BeTrue("the marks are consumed only with a swap that commits");
        (await connection.ExecuteScalarAsync<long>(ShadowTables)).Should().Be(0);

        await connection.ExecuteAsync("DROP VIEW sales_daily_watch");
        await Rollups.RebuildAllAsync();
        (await RollupContents.ReadAsync(_dataSource))["sales_daily"].Should().HaveCountGreaterThan(damaged["sales_daily"].Count, "the next rebuild restores the deleted day");
    }

    [Fact]
    public async Task Shadow_tables_left_by_an_interrupted_rebuild_are_replaced_by_the_next_one()
    {
        await Rollups.RebuildAllAsync();
        var rebuilt = await RollupContents.ReadAsync(_dataSource);
        await using var connection = await _dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            CREATE TABLE sales_daily_rebuild (LIKE sales_daily);
            INSERT INTO sales_daily_rebuild SELECT * FROM sales_daily LIMIT 10;
            CREATE TABLE customer_first_purchase_candidates (note text);
            """);

        await Rollups.RebuildAllAsync();

        RollupContents.ShouldBeEqual(await RollupContents.ReadAsync(_dataSource), rebuilt, "rebuilt over the leftovers", "rebuilt before");
        (await connection.ExecuteScalarAsync<long>(ShadowTables)).Should().Be(0);
    }

    private static readonly string[] Tables =
        ["sales_daily", "invoice_daily", "product_daily", "customer_daily", "customer_first_purchase", "stock_daily", "expense_daily"];

    private const string Shape = """
        SELECT format('%s.%s %s %s', c.table_name, c.column_name, c.data_type, c.is_nullable) FROM information_schema.columns c
         WHERE c.table_schema = current_schema() AND c.table_name IN (SELECT unnest(@tables))
        UNION ALL
        SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN (SELECT unnest(@tables))
        UNION ALL
        SELECT format('%s %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) FROM pg_constraint
         WHERE conrelid IN (SELECT unnest(@tables)::regclass)
        ORDER BY 1
        """;

    private const string ShadowTables = """
        SELECT count(*) FROM pg_class WHERE relname LIKE '%\_rebuild' OR relname = 'customer_first_purchase_candidates'
        """;
}
