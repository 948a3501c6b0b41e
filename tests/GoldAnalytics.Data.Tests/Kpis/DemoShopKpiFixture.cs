using GoldAnalytics.Data.Insights;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Data.Tests.DemoData;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Tests.Kpis;

/// <summary>The small demo shop loaded once, with every KPI engine wired to it.</summary>
public sealed class DemoShopKpiFixture : IAsyncLifetime
{
    private readonly LoadedShopFixture _shop = new();

    /// <summary>The last full month of the small demo shop.</summary>
    public static DateRange LastMonth { get; } = new(new(2026, 10, 1), new(2026, 10, 31));

    /// <summary>Every day of the small demo shop.</summary>
    public static DateRange AllDays { get; } = new(LoadedShopFixture.Profile.StartDate, LoadedShopFixture.Profile.EndDate);

    public string ConnectionString => _shop.ConnectionString;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public KpiDataGate Gate { get; private set; } = null!;

    public FinancialKpiEngine Financial { get; private set; } = null!;

    public CustomerKpiEngine Customers { get; private set; } = null!;

    public InventoryKpiEngine Inventory { get; private set; } = null!;

    public BusinessQuestions Questions { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _shop.InitializeAsync();
        DataSource = NpgsqlDataSource.Create(_shop.ConnectionString);
        Gate = new KpiDataGate(DataSource, new KpiRollups(DataSource));
        Financial = new FinancialKpiEngine(DataSource, Gate);
        Customers = new CustomerKpiEngine(DataSource, Gate);
        Inventory = new InventoryKpiEngine(DataSource, Financial);
        Questions = new BusinessQuestions(DataSource, Gate, Customers);
    }

    public async Task DisposeAsync()
    {
        Gate.Dispose();
        await DataSource.DisposeAsync();
        await _shop.DisposeAsync();
    }
}
