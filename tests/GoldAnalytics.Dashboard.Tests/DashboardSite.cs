using System.Text.Json;
using Dapper;
using GoldAnalytics.Data.DemoData;
using GoldAnalytics.Data.DemoData.Loading;
using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Functions;
using GoldAnalytics.Runtime.Events;
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
        });
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");

        var keys = App.Services.GetRequiredService<KeyStore>();
        AdminKey = (await keys.BootstrapAsync("owner")).Secret;
        ViewerKey = (await keys.CreateAsync("morning-viewer", Role.Viewer)).Secret;

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
    public async Task<(int Status, JsonElement Body)> ApiAsync(string pathAndQuery, string? key = null)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery.TrimStart('/'));
        request.Headers.Add("x-functions-key", key ?? AdminKey);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Records a sale the way data entry does at the database level (a copy of yesterday's last invoice, dated today) and announces it on the event stream.</summary>
    public async Task<long> PostSaleAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var invoiceId = await connection.ExecuteScalarAsync<long>("""
            WITH source AS (SELECT * FROM invoices WHERE deleted_at IS NULL ORDER BY business_date DESC, id DESC LIMIT 1)
            INSERT INTO invoices (number, branch_id, salesperson_id, customer_id, issued_at, business_date, subtotal, discount, tax, total, cost)
            SELECT 'LIVE-' || gen_random_uuid(), branch_id, salesperson_id, customer_id, now(), @today, subtotal, discount, tax, total, cost FROM source
            RETURNING id
            """, new { today = ShopToday }, transaction);
        await connection.ExecuteAsync("""
            INSERT INTO invoice_lines (invoice_id, line_no, product_id, quantity, weight_g, gold_rate, gold_value, making_charge_type, making_charge_value,
                making_charge, stone_value, discount, tax_rate, tax, line_total, line_cost, business_date, branch_id, salesperson_id, customer_id, category, product_line_id, karat)
            SELECT @invoiceId, l.line_no, l.product_id, l.quantity, l.weight_g, l.gold_rate, l.gold_value, l.making_charge_type, l.making_charge_value,
                l.making_charge, l.stone_value, l.discount, l.tax_rate, l.tax, l.line_total, l.line_cost, @today, l.branch_id, l.salesperson_id, l.customer_id, l.category, l.product_line_id, l.karat
            FROM invoice_lines l
            WHERE l.invoice_id = (SELECT id FROM invoices WHERE deleted_at IS NULL AND id <> @invoiceId ORDER BY business_date DESC, id DESC LIMIT 1)
            """, new { invoiceId, today = ShopToday }, transaction);
        await transaction.CommitAsync();
        App.Services.GetRequiredService<IEventStream>().Publish("sale.created", new { InvoiceId = invoiceId, BusinessDate = ShopToday });
        return invoiceId;
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
