using System.Globalization;
using GoldAnalytics.Data.DemoData;
using GoldAnalytics.Data.DemoData.Loading;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Domain.Kpis.Periods;
using GoldAnalytics.Functions.Kpis.WarmUp;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace GoldAnalytics.Functions.Tests.Kpis.WarmUp;

/// <summary>
/// The function app over the small demo shop (loaded before the host starts, ending yesterday, as a
/// real shop's data would), warming its KPI engines at start. The warm-up is held at its first engine
/// (the fixture holds the KPI data gate's lock from before the start) until a test lets it go,
/// unless a derived fixture says otherwise.
/// </summary>
public class WarmingShopHost : FunctionAppHost, IAsyncLifetime
{
    private KpiDataGate? _gate;
    private bool _held;

    public string ViewerKey { get; private set; } = "";

    public KpiReadiness Readiness => App.Services.GetRequiredService<KpiReadiness>();

    /// <summary>The range the warm-up fills: the dashboard's default, the last 30 days to today.</summary>
    public DateRange Range => App.Services.GetRequiredService<KpiWarmUp>().DefaultRange();

    public string RangeQuery => string.Create(CultureInfo.InvariantCulture, $"from={Range.From:yyyy-MM-dd}&to={Range.To:yyyy-MM-dd}");

    protected override IDictionary<string, string> Settings => new Dictionary<string, string> { [KpiWarmUpOptions.EnabledSetting] = "true" };

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        ViewerKey = await KeyAsync(Role.Viewer);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        Release();
        await DisposeAsync();
    }

    /// <summary>Lets the warm-up (and every request waiting behind it) go on.</summary>
    public void Release()
    {
        if (_held)
        {
            _held = false;
            _gate!.Lock.Release();
        }
    }

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", ViewerKey);
        return await Client.SendAsync(request);
    }

    protected override async Task BeforeStartAsync(string connectionString)
    {
        await new Migrator(connectionString).MigrateAsync(AppMigrations.All);
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        await new DemoLoader(connectionString).LoadAsync(DemoProfile.Small(seed: 23) with { EndDate = yesterday }, IndexStrategy.Keep);
        await AfterLoadAsync(connectionString);
    }

    /// <summary>Whether the warm-up is held at its first engine until <see cref="Release"/>.</summary>
    protected virtual bool HoldsWarmUp => true;

    /// <summary>Runs on the loaded database before the host starts.</summary>
    protected virtual Task AfterLoadAsync(string connectionString) => Task.CompletedTask;

    protected override async Task BeforeHostStartsAsync(WebApplication app)
    {
        if (!HoldsWarmUp)
        {
            return;
        }

        _gate = app.Services.GetRequiredService<KpiDataGate>();
        await _gate.Lock.WaitAsync();
        _held = true;
    }
}
