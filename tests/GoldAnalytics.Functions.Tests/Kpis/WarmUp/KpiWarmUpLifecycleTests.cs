using System.Net;
using Dapper;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Functions.Kpis.WarmUp;
using Npgsql;

namespace GoldAnalytics.Functions.Tests.Kpis.WarmUp;

/// <summary>A warming host whose stock rollup is missing (after every rollup was brought up to date), so only the inventory engine cannot fill.</summary>
public sealed class MissingStockHost : WarmingShopHost
{
    protected override bool HoldsWarmUp => false;

    protected override async Task AfterLoadAsync(string connectionString)
    {
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new KpiRollups(dataSource).RefreshDirtyAsync();
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync("ALTER TABLE stock_daily RENAME TO stock_daily_moved");
    }
}

public sealed class KpiWarmUpFailureTests(MissingStockHost host) : IClassFixture<MissingStockHost>
{
    [Fact]
    public async Task An_engine_that_fails_to_warm_is_reported_and_the_others_warm_and_the_host_serves()
    {
        await host.Readiness.WhenReady.WaitAsync(TimeSpan.FromSeconds(90));

        var report = host.Readiness.Report();
        report.Status.Should().Be(KpiReadiness.Ready, "a failed engine fills on its first request; it does not keep the host out");
        report.Engines.Single(e => e.Engine == "inventory").Should().Match<EngineWarmUp>(e => e.Status == "failed" && e.Reason == "PostgresException");
        report.Engines.Where(e => e.Engine != "inventory").Should().OnlyContain(e => e.Status == "ready");
        (await host.Client.GetAsync("/api/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.GetAsync($"/api/kpis/financial?{host.RangeQuery}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

public sealed class KpiWarmUpShutdownTests(WarmingShopHost host) : IClassFixture<WarmingShopHost>
{
    [Fact]
    public async Task Stopping_the_host_during_warm_up_cancels_it_without_an_error_and_never_reports_ready()
    {
        await KpiWarmUpTests.WaitUntilAsync(() => host.Readiness.Report().Engines.Any(e => e.Engine == "financial" && e.Status == "warming"));

        var stop = host.App.StopAsync();

        await stop.WaitAsync(TimeSpan.FromSeconds(30));
        var report = host.Readiness.Report();
        report.Status.Should().Be(KpiReadiness.Warming);
        report.ReadyAfterMs.Should().BeNull();
        report.Engines.Where(e => e.Engine is "financial" or "inventory" or "customers").Should().OnlyContain(e => e.Status == "cancelled", "the overview's engines warm together");
        report.Engines.Where(e => e.Engine is not ("financial" or "inventory" or "customers")).Should().OnlyContain(e => e.Status == "pending");
    }
}
