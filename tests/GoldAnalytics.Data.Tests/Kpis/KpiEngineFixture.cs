using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Testing;
using Npgsql;

namespace GoldAnalytics.Data.Tests.Kpis;

/// <summary>A fresh shop database with the KPI engines wired to it, as the function host wires them.</summary>
public abstract class KpiEngineTestBase : IAsyncLifetime, IDisposable
{
    private readonly ShopDatabase _database = new();

    internal ShopFixture Shop { get; private set; } = null!;

    protected NpgsqlDataSource DataSource { get; private set; } = null!;

    protected KpiDataGate Gate { get; private set; } = null!;

    protected FinancialKpiEngine Financial { get; private set; } = null!;

    protected CustomerKpiEngine Customers { get; private set; } = null!;

    protected InventoryKpiEngine Inventory { get; private set; } = null!;

    protected string ConnectionString => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        DataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        Shop = new ShopFixture(_database.ConnectionString);
        await Shop.CreateOrganisationAsync();
        Gate = new KpiDataGate(DataSource, new KpiRollups(DataSource));
        Financial = new FinancialKpiEngine(DataSource, Gate);
        Customers = new CustomerKpiEngine(DataSource, Gate);
        Inventory = new InventoryKpiEngine(DataSource, Financial);
    }

    public void Dispose()
    {
        Gate.Dispose();
        GC.SuppressFinalize(this);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _database.DisposeAsync();
    }
}
