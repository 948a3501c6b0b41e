using Dapper;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Testing;
using Npgsql;

namespace GoldAnalytics.Data.Tests.Kpis;

public sealed class KpiDataGateTests : IAsyncLifetime
{
    private readonly ShopDatabase _database = new();
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_cache_registering_while_changed_days_are_announced_is_kept_and_nothing_fails()
    {
        using var gate = new KpiDataGate(_dataSource, new KpiRollups(_dataSource));
        var told = 0;
        var lateCachesTold = 0;

        // Engines register from their constructors, which DI may run on one request while another request's
        // gate is announcing changed days; here the announcement itself brings the next cache in.
        gate.OnChangedDays(_ =>
        {
            told++;
            gate.OnChangedDays(_ => lateCachesTold++);
        });

        await using var connection = await _dataSource.OpenConnectionAsync();
        for (var round = 0; round < 3; round++)
        {
            await connection.ExecuteAsync("UPDATE kpi_data_version SET version = version + 1 WHERE id = 1");
            await gate.FreshVersionAsync(CancellationToken.None);
        }

        told.Should().Be(3, "the first cache hears of every new data version");
        lateCachesTold.Should().Be(0 + 1 + 2, "a cache registered during one announcement hears every later one");
    }
}
