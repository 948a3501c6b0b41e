using Dapper;
using GoldAnalytics.Data.DemoData;
using GoldAnalytics.Data.DemoData.Loading;
using GoldAnalytics.Testing;
using Npgsql;

namespace GoldAnalytics.Data.Tests.DemoData;

public sealed class ConcurrentLoadTests : IAsyncLifetime
{
    private readonly ShopDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Two_hosts_loading_if_empty_at_once_load_the_shop_exactly_once()
    {
        var profile = DemoProfile.Small(seed: 11);

        var loads = await Task.WhenAll(
            Task.Run(() => new DemoLoader(_database.ConnectionString).LoadIfNoInvoicesAsync(profile)),
            Task.Run(() => new DemoLoader(_database.ConnectionString).LoadIfNoInvoicesAsync(profile)));

        loads.Count(summary => summary is not null).Should().Be(1);
        var loaded = loads.Single(summary => summary is not null)!;
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM invoice_lines")).Should().Be(loaded.RowsPerTable["invoice_lines"]);
    }
}
