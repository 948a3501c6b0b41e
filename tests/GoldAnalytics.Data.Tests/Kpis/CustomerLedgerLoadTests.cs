using Dapper;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using GoldAnalytics.Domain.Kpis.Trends;

namespace GoldAnalytics.Data.Tests.Kpis;

/// <summary>The customer ledger's full load runs outside the KPI data gate's lock and catches up with what it missed.</summary>
public sealed class CustomerLedgerLoadTests : KpiEngineTestBase
{
    private static readonly DateRange January = new(new(2024, 1, 1), new(2024, 1, 31));
    private static readonly DateRange February = new(new(2024, 2, 1), new(2024, 2, 29));

    private async Task SellAsync()
    {
        await Shop.SellAsync(new(2024, 1, 5), ShopFixture.Downtown, ShopFixture.Ring22, 1_000m, 0m, 0m, 600m, customer: 1);
        await Shop.SellAsync(new(2024, 1, 21), ShopFixture.Mall, ShopFixture.Coin24, 2_000m, 0m, 0m, 1_800m, customer: 2);
        await Shop.SellAsync(new(2024, 2, 2), ShopFixture.Downtown, ShopFixture.Ring22, 800m, 0m, 0m, 500m, customer: 1);
    }

    [Fact]
    public async Task A_change_committed_after_the_version_the_load_started_from_is_caught_up_before_the_answer()
    {
        await SellAsync();
        var february = await Shop.SellAsync(new(2024, 2, 10), ShopFixture.Mall, ShopFixture.Coin24, 900m, 0m, 0m, 700m, customer: 2);
        var fresh = await Gate.FreshVersionAsync(CancellationToken.None);

        // A deletion marks its day for a rebuild of the rollups: until the gate's next read, the customer rollup
        // the load reads still holds the deleted sale.
        await using (var connection = await DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("UPDATE invoices SET deleted_at = now() WHERE id = @february", new { february });
        }

        await Customers.Ledger.LoadAsync(fresh, CancellationToken.None);
        var totals = await Customers.TotalsAsync(null, February);

        totals.Active.Should().Be(1, "the deleted February sale to customer 2 was caught up although the full load still held it");
        totals.Revenue.Should().Be(800m);
    }

    [Fact]
    public async Task Other_kpis_are_answered_while_the_customer_ledger_loads()
    {
        await SellAsync();
        await Gate.FreshVersionAsync(CancellationToken.None);
        await using var blocker = await DataSource.OpenConnectionAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await blocker.ExecuteAsync("LOCK TABLE customer_daily IN ACCESS EXCLUSIVE MODE", transaction: transaction);

        var customers = Customers.TotalsAsync(null, January);
        await WaitUntilTheLoadWaitsOnTheTableAsync();
        var financial = await Financial.KpisAsync(KpiFilter.All, January, StatusThresholds.Default).WaitAsync(TimeSpan.FromSeconds(30));

        financial.Kpis.Single(k => k.Code == "revenue").Value.Should().Be(3_000m);
        customers.IsCompleted.Should().BeFalse("the ledger's load is still waiting for the table");
        await transaction.RollbackAsync();
        (await customers.WaitAsync(TimeSpan.FromSeconds(30))).Active.Should().Be(2);
    }

    [Fact]
    public async Task Days_whose_catch_up_was_cancelled_are_read_on_the_next_request()
    {
        await SellAsync();
        var february = await Shop.SellAsync(new(2024, 2, 10), ShopFixture.Mall, ShopFixture.Coin24, 900m, 0m, 0m, 700m, customer: 2);
        (await Customers.TotalsAsync(null, February)).Active.Should().Be(2);
        await using (var connection = await DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("UPDATE invoice_lines SET discount = 100, line_total = line_total - 100 WHERE invoice_id = @february", new { february });
        }

        // The rollups are rebuilt and the ledger told of the day; the next read's catch-up is what gets cancelled.
        await Gate.FreshVersionAsync(CancellationToken.None);

        await using (var blocker = await DataSource.OpenConnectionAsync())
        {
            await using var transaction = await blocker.BeginTransactionAsync();
            await blocker.ExecuteAsync("LOCK TABLE customer_daily IN ACCESS EXCLUSIVE MODE", transaction: transaction);
            using var cancel = new CancellationTokenSource();
            var read = Customers.TotalsAsync(null, February, cancel.Token);
            await WaitUntilTheLoadWaitsOnTheTableAsync();
            await cancel.CancelAsync();
            await FluentActions.Awaiting(() => read).Should().ThrowAsync<OperationCanceledException>();
            await transaction.RollbackAsync();
        }

        var totals = await Customers.TotalsAsync(null, February);
        totals.Active.Should().Be(2, "the edited day was read again, not left out");
        totals.Revenue.Should().Be(1_600m);
    }

    private async Task WaitUntilTheLoadWaitsOnTheTableAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE NOT granted AND relation = 'customer_daily'::regclass AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))"))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the ledger's load should reach the locked table");
            await Task.Delay(20);
        }
    }
}
