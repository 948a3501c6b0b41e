using Dapper;
using GoldAnalytics.Data.Kpis;

namespace GoldAnalytics.Data.Tests.Kpis.Incremental;

/// <summary>The refresh rebuilds a few dirty days cell by cell and half a year or more set-based.</summary>
public sealed class RefreshPathTests : KpiEngineTestBase
{
    [Fact]
    public async Task A_few_dirty_days_are_refreshed_day_by_day_without_a_full_rebuild()
    {
        await SellOnDaysAsync(10);
        await Rollups.MarkEveryDayDirtyAsync();
        var marked = await VersionAsync();

        var days = await Rollups.RefreshDirtyAsync();

        days.Should().HaveCount(10);
        (await VersionAsync()).Should().Be(marked, "refreshing dirty days does not change the numbers' version");
    }

    [Fact]
    public async Task Half_a_year_of_dirty_days_is_rebuilt_set_based_with_the_same_result()
    {
        await SellOnDaysAsync(KpiRollups.RebuildFromDirtyDays);
        await Rollups.RefreshDirtyAsync();
        var keptByWriters = await RollupContents.ReadAsync(DataSource);
        await Rollups.MarkEveryDayDirtyAsync();
        var marked = await VersionAsync();

        var days = await Rollups.RefreshDirtyAsync();

        days.Should().HaveCount(KpiRollups.RebuildFromDirtyDays);
        (await VersionAsync()).Should().BeGreaterThan(marked, "the set-based rebuild stamps every day with a new version");
        (await Rollups.HasDirtyDaysAsync()).Should().BeFalse();
        RollupContents.ShouldBeEqual(await RollupContents.ReadAsync(DataSource), keptByWriters, "rebuilt set-based by the refresh", "kept by the writers",
            ["sales_daily", "invoice_daily", "product_daily", "customer_daily", "customer_first_purchase"]);
    }

    [Fact]
    public async Task Half_a_year_of_dirty_days_in_a_longer_history_than_three_times_that_is_refreshed_cell_by_cell()
    {
        await SellOnDaysAsync((3 * KpiRollups.RebuildFromDirtyDays) + 1);
        await Rollups.RefreshDirtyAsync();
        await using (var connection = await DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("SELECT kpi_mark_days(ARRAY(SELECT day FROM invoice_daily ORDER BY day DESC LIMIT @days))", new { days = KpiRollups.RebuildFromDirtyDays });
        }

        var marked = await VersionAsync();

        var days = await Rollups.RefreshDirtyAsync();

        days.Should().HaveCount(KpiRollups.RebuildFromDirtyDays);
        (await VersionAsync()).Should().Be(marked, "less than a third of the history is cheaper to refresh cell by cell than to rebuild");
    }

    [Fact]
    public async Task Two_refreshers_of_half_a_year_rebuild_once()
    {
        await SellOnDaysAsync(KpiRollups.RebuildFromDirtyDays);
        await Rollups.MarkEveryDayDirtyAsync();
        var marked = await VersionAsync();

        var results = await Task.WhenAll(Rollups.RefreshDirtyAsync(), Rollups.RefreshDirtyAsync());

        results.Select(r => r.Count).Should().BeEquivalentTo([KpiRollups.RebuildFromDirtyDays, 0], "the second refresher finds every mark consumed");
        (await VersionAsync()).Should().Be(marked + 1, "one rebuild stamps the days once");
    }

    private KpiRollups Rollups => new(DataSource);

    private async Task SellOnDaysAsync(int days)
    {
        var first = new DateOnly(2024, 1, 1);
        for (var i = 0; i < days; i++)
        {
            await Shop.SellAsync(first.AddDays(i), i % 2 == 0 ? ShopFixture.Downtown : ShopFixture.Mall, ShopFixture.Ring22, 1_000m + i, 10m, 5m, 600m, customer: 1 + (i % 2));
        }
    }

    private async Task<long> VersionAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT version FROM kpi_data_version");
    }
}
