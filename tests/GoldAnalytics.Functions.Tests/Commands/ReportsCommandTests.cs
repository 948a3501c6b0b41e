using Dapper;
using GoldAnalytics.Functions.Commands;
using GoldAnalytics.Testing;
using Npgsql;

namespace GoldAnalytics.Functions.Tests.Commands;

public sealed class ReportsCommandTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Reports_rebuild_recomputes_the_rollups_from_the_lines_and_every_period()
    {
        (await SeedCommand.Create().Parse(["--connection", _database.ConnectionString, "--profile", "small", "--seed", "3"]).InvokeAsync()).Should().Be(0);
        await using var connection = new NpgsqlConnection(_database.ConnectionString);

        // A rollup gone wrong, as a repair would find it: the rebuild reads the lines again.
        await connection.ExecuteAsync("UPDATE invoice_daily SET gross_sales = gross_sales + 1000");

        (await ReportsCommand.Create().Parse(["rebuild", "--connection", _database.ConnectionString]).InvokeAsync()).Should().Be(0);

        var state = await connection.QuerySingleAsync<(decimal Rollup, decimal Lines, decimal ShopMonths, long DirtyPeriods, long Months)>("""
            SELECT (SELECT sum(gross_sales) FROM invoice_daily),
                   (SELECT sum(gold_value + making_charge + stone_value) FROM invoice_lines WHERE deleted_at IS NULL),
                   (SELECT sum(gross_sales) FROM period_reports WHERE grain = 'month' AND scope = 'shop'),
                   (SELECT count(*) FROM report_dirty_periods),
                   (SELECT count(DISTINCT date_trunc('month', business_date)) FROM invoice_lines)
            """);
        state.Rollup.Should().Be(state.Lines);
        state.ShopMonths.Should().Be(state.Lines);
        state.DirtyPeriods.Should().Be(0);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM period_reports WHERE grain = 'month' AND scope = 'shop'")).Should().Be(state.Months);
    }
}
