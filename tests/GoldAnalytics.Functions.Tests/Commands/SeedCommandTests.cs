using Dapper;
using GoldAnalytics.Functions.Commands;
using GoldAnalytics.Testing;
using Npgsql;

namespace GoldAnalytics.Functions.Tests.Commands;

public sealed class SeedCommandTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Seed_migrates_an_empty_database_loads_once_and_if_empty_leaves_a_loaded_shop_alone()
    {
        string[] args = ["--connection", _database.ConnectionString, "--profile", "small", "--seed", "5", "--if-empty"];

        var first = await SeedCommand.Create().Parse(args).InvokeAsync();
        var afterFirst = await CountAsync();
        var second = await SeedCommand.Create().Parse(args).InvokeAsync();
        var afterSecond = await CountAsync();

        first.Should().Be(0);
        second.Should().Be(0);
        afterFirst.Invoices.Should().BePositive();
        afterSecond.Should().Be(afterFirst);
    }

    [Fact]
    public async Task Seed_without_if_empty_refuses_a_shop_that_has_data()
    {
        string[] args = ["--connection", _database.ConnectionString, "--profile", "small", "--seed", "5"];
        (await SeedCommand.Create().Parse(args).InvokeAsync()).Should().Be(0);
        var loaded = await CountAsync();

        var again = await SeedCommand.Create().Parse(args).InvokeAsync();

        again.Should().NotBe(0);
        (await CountAsync()).Should().Be(loaded);
    }

    [Fact]
    public async Task Seed_builds_the_rollups_from_the_lines_and_leaves_nothing_dirty()
    {
        string[] args = ["--connection", _database.ConnectionString, "--profile", "small", "--seed", "5"];

        (await SeedCommand.Create().Parse(args).InvokeAsync()).Should().Be(0);

        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        var state = await connection.QuerySingleAsync<(long DirtyCells, long DirtyDays, decimal Rollup, decimal Lines)>("""
            SELECT (SELECT count(*) FROM kpi_dirty_cells), (SELECT count(*) FROM kpi_dirty_days),
                   (SELECT sum(gross_sales - discounts) FROM invoice_daily),
                   (SELECT sum(gold_value + making_charge + stone_value - discount) FROM invoice_lines WHERE deleted_at IS NULL)
            """);
        state.DirtyCells.Should().Be(0);
        state.DirtyDays.Should().Be(0);
        state.Lines.Should().BePositive();
        state.Rollup.Should().Be(state.Lines);
    }

    private async Task<(long Invoices, long Lines)> CountAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        return await connection.QuerySingleAsync<(long, long)>("SELECT (SELECT count(*) FROM invoices), (SELECT count(*) FROM invoice_lines)");
    }
}
