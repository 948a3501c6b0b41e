using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using GoldAnalytics.Data.DemoData;
using GoldAnalytics.Data.DemoData.Loading;
using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Functions;
using GoldAnalytics.Runtime.Keys;
using GoldAnalytics.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace GoldAnalytics.Dashboard.Tests;

/// <summary>
/// The real function host on a real port, serving the built dashboard, over a fresh database with the
/// small demo shop ending yesterday; and Debian's Chromium, driven by Playwright. Shared by every test.
/// </summary>
public sealed class DashboardSite : IAsyncLifetime
{
    /// <summary>The shop's time zone in the demo data and static-web/public/shop.json.</summary>
    public static readonly TimeZoneInfo ShopZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Dubai");

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly PostgresDatabase _database = new();
    private IPlaywright? _playwright;

    public WebApplication App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public string AdminKey { get; private set; } = "";

    public string ViewerKey { get; private set; } = "";

    public string StaffKey { get; private set; } = "";

    public string ConnectionString => _database.ConnectionString;

    /// <summary>The shop's today: the presets of the dashboard end on it.</summary>
    public static DateOnly ShopToday => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, ShopZone).DateTime);

    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot(), ".data", "test", "screenshots");

    public async Task InitializeAsync()
    {
        var site = Path.Combine(RepositoryRoot(), "static-web", "dist");
        if (!File.Exists(Path.Combine(site, "index.html")))
        {
            throw new InvalidOperationException($"The dashboard is not built ({site}/index.html is missing): run `npm run build` in static-web, or infra/dev test, which does.");
        }

        await _database.InitializeAsync();
        await new Migrator(_database.ConnectionString).MigrateAsync(AppMigrations.All);
        await new DemoLoader(_database.ConnectionString).LoadAsync(DemoProfile.Small(7) with { EndDate = ShopToday.AddDays(-1) }, IndexStrategy.Keep);

        App = FunctionApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration["GA_DATABASE"] = _database.ConnectionString;
            builder.Configuration["GA_BLOB_ENDPOINT"] = TestServices.BlobEndpoint.ToString();
            builder.Configuration["GA_SMTP_HOST"] = TestServices.Smtp.Host;
            builder.Configuration["GA_SMTP_PORT"] = TestServices.Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            builder.Configuration["GA_STATIC_WEB"] = site;
        }, options =>
        {
            options.HostJsonPath = Path.Combine(RepositoryRoot(), "host.json");
            options.LocalSettingsPath = Path.Combine(Path.GetTempPath(), "none", "local.settings.json");
            options.Listing = null;
            options.Assemblies.Add(typeof(SampleApproval).Assembly);
        });
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");

        var keys = App.Services.GetRequiredService<KeyStore>();
        AdminKey = (await keys.BootstrapAsync("owner")).Secret;
        ViewerKey = (await keys.CreateAsync("morning-viewer", Role.Viewer)).Secret;
        StaffKey = (await keys.CreateAsync("counter-staff", Role.Staff)).Secret;

        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("GA_CHROMIUM") is { Length: > 0 } chromium ? chromium : "/usr/bin/chromium",
            Args = ChromiumArgs,
            Headless = true,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>A fresh browser tab (its own session storage) in a laptop-sized or phone-sized window.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1440, Height = 900 },
            DeviceScaleFactor = phone ? 2 : 1,
            IsMobile = phone,
            HasTouch = phone,
            AcceptDownloads = true,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in on the sign-in page and waits for the shell.</summary>
    public static async Task SignInAsync(IPage page, string key, string path = "/")
    {
        await page.GotoAsync(path);
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("role")).ToBeVisibleAsync();
    }

    /// <summary>Saves a full-page screenshot under .data/test/screenshots, from the top, after the charts' entry animation.</summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.WaitForTimeoutAsync(600);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = fullPage });
    }

    /// <summary>Calls the API as the dashboard does; the body as JSON and the status.</summary>
    public Task<(int Status, JsonElement Body)> ApiAsync(string pathAndQuery, string? key = null) =>
        SendAsync(HttpMethod.Get, pathAndQuery, key ?? AdminKey);

    /// <summary>Sends a request with a JSON body (or none) under a key; the body as JSON and the status.</summary>
    public async Task<(int Status, JsonElement Body)> SendAsync(HttpMethod method, string pathAndQuery, string key, object? body = null)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        using var request = new HttpRequestMessage(method, pathAndQuery.TrimStart('/'));
        request.Headers.Add("x-functions-key", key);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>
    /// Rings up a quick sale at the counter through the entry API with the staff key, dated the shop's today: one piece
    /// a branch has in stock, sold by one of its salespeople. Today's rate of the piece's karat is set through the API
    /// first when the demo data has none (it ends yesterday). Returns the created invoice.
    /// </summary>
    public async Task<JsonElement> PostQuickSaleAsync()
    {
        var counter = await CounterChoiceAsync();
        var today = ShopToday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (_, rates) = await ApiAsync($"/api/gold-rates/{today}", StaffKey);
        if (rates.ValueKind != JsonValueKind.Array || !rates.EnumerateArray().Any(r => r.GetProperty("karat").GetInt32() == counter.Karat))
        {
            var (rateStatus, rate) = await SendAsync(HttpMethod.Put, $"/api/gold-rates/{today}/{counter.Karat}", StaffKey,
                new { buyPerGram = counter.BuyPerGram, sellPerGram = counter.SellPerGram, source = "counter" });
            rateStatus.Should().Be(200, "today's gold rate is set through the API: {0}", rate);
        }

        var (status, invoice) = await SendAsync(HttpMethod.Post, "/api/sales/quick-sale", StaffKey, new
        {
            branchId = counter.BranchId,
            salespersonId = counter.SalespersonId,
            businessDate = today,
            items = new[] { new { productId = counter.ProductId, quantity = 1 } },
        });
        status.Should().Be(201, "the quick sale is accepted: {0}", invoice);
        return invoice;
    }

    private sealed record CounterChoice(int BranchId, int SalespersonId, int ProductId, int Karat, decimal BuyPerGram, decimal SellPerGram);

    // What a salesperson would pick at the counter: a piece on the shelf of their branch, and the latest known rate of its karat.
    private async Task<CounterChoice> CounterChoiceAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        return await connection.QuerySingleAsync<CounterChoice>("""
            SELECT s.branch_id AS BranchId, st.id AS SalespersonId, p.id AS ProductId, p.karat::int AS Karat, r.buy_per_gram AS BuyPerGram, r.sell_per_gram AS SellPerGram
              FROM stock_levels s
              JOIN products p ON p.id = s.product_id AND p.deleted_at IS NULL
              JOIN staff st ON st.branch_id = s.branch_id AND st.role = 'salesperson' AND st.left_on IS NULL
              JOIN LATERAL (SELECT buy_per_gram, sell_per_gram FROM gold_rates g WHERE g.karat = p.karat ORDER BY business_date DESC LIMIT 1) r ON true
             WHERE s.on_hand >= 1
             ORDER BY s.on_hand DESC, s.branch_id, p.id, st.id
             LIMIT 1
            """);
    }

    /// <summary>Records a timer function's last run as the timer trigger source does.</summary>
    public async Task AddTimerScheduleAsync(string function, string schedule, DateTimeOffset lastRun, string? error)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.ExecuteAsync("""
            INSERT INTO runtime.timer_schedules (function_name, schedule, last_slot, next_slot, last_started_at, last_completed_at, last_duration_ms, last_error)
            VALUES (@function, @schedule, @lastRun, @lastRun + interval '1 day', @lastRun, @lastRun + interval '4 seconds', 4000, @error)
            ON CONFLICT (function_name) DO NOTHING
            """, new { function, schedule, lastRun, error });
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GoldAnalytics.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Repository root (GoldAnalytics.sln) not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardSite>
{
    public const string Name = "dashboard";
}
