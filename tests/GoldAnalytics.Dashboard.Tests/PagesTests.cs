using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GoldAnalytics.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class PagesTests(DashboardSite site)
{
    private static readonly string[] Services = ["host", "database", "blobStorage", "mail"];

    [Fact]
    public async Task Operations_shows_the_health_the_api_reports_exports_it_and_lists_the_timers_in_shop_time()
    {
        await site.AddTimerScheduleAsync("NightlyReports", "0 0 2 * * *", new DateTimeOffset(2026, 11, 20, 22, 0, 0, TimeSpan.Zero), "mail server refused the message");
        var page = await site.NewPageAsync();
        await DashboardSite.SignInAsync(page, site.AdminKey, "/operations");
        foreach (var service in Services)
        {
            await Expect(page.GetByTestId($"health-{service}")).ToBeVisibleAsync();
        }

        var (_, report) = await site.ApiAsync("/api/health");
        foreach (var service in Services)
        {
            await Expect(page.GetByTestId($"health-{service}")).ToContainTextAsync(report.GetProperty(service).GetProperty("status").GetString()!);
        }

        var chart = page.GetByTestId("chart-health");
        var download = await page.RunAndWaitForDownloadAsync(() => chart.GetByRole(AriaRole.Button, new() { Name = "Export Service latency data as CSV" }).ClickAsync());
        download.SuggestedFilename.Should().Be("service-latency.csv");
        var lines = (await File.ReadAllTextAsync((await download.PathAsync())!)).TrimStart('\ufeff').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("service,status,latency ms,reason");
        lines.Skip(1).Select(l => l.Split(',')[0]).Should().Equal("Function host", "Database", "Blob storage", "Mail");
        lines.Skip(1).Select(l => double.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)).Should().OnlyContain(ms => ms >= 0);

        var timers = page.GetByRole(AriaRole.Table, new() { Name = "Timer schedules" });
        var nightly = timers.GetByRole(AriaRole.Row).Filter(new() { HasText = "NightlyReports" });
        await Expect(nightly).ToContainTextAsync("0 0 2 * * *");
        await Expect(nightly).ToContainTextAsync("21 Nov 2026"); // 22:00 UTC on the 20th is 02:00 on the 21st in the shop
        await Expect(nightly).ToContainTextAsync("failed");

        var png = await page.RunAndWaitForDownloadAsync(() => chart.GetByRole(AriaRole.Button, new() { Name = "Export Service latency as PNG" }).ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await png.PathAsync())!);
        bytes.Take(4).Should().Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
        await DashboardSite.ScreenshotAsync(page, "operations");
    }

    [Fact]
    public async Task A_failed_request_shows_the_problem_details_message_and_retry_recovers()
    {
        var page = await site.NewPageAsync();
        await DashboardSite.SignInAsync(page, site.ViewerKey);
        const string detail = "The database is restarting; try again in a few seconds.";
        await page.RouteAsync("**/api/health", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 503,
            ContentType = "application/problem+json",
            Body = $$"""{"status":503,"title":"Service Unavailable","detail":"{{detail}}","code":"database_unavailable","requestId":"req-42"}""",
        }));

        await page.GetByRole(AriaRole.Link, new() { Name = "Operations" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "health" });
        await Expect(alert).ToContainTextAsync(detail);
        await Expect(alert).ToContainTextAsync("HTTP 503");
        await Expect(alert).ToContainTextAsync("database_unavailable");
        await Expect(alert).ToContainTextAsync("req-42");
        await DashboardSite.ScreenshotAsync(page, "api-error");

        await page.UnrouteAsync("**/api/health");
        await alert.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();

        await Expect(page.GetByTestId("health-database")).ToBeVisibleAsync();
        await Expect(alert).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Every_page_opens_with_its_content_or_a_designed_state_and_saves_a_screenshot()
    {
        var page = await site.NewPageAsync();
        await DashboardSite.SignInAsync(page, site.ViewerKey);
        foreach (var (name, slug) in new[] { ("Sales team", "sales-team"), ("Products", "products"), ("Branches", "branches"), ("Customers", "customers"), ("Operations", "operations") })
        {
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true, Level = 1 })).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Expect(page.Locator("[role=status][aria-busy=true]")).ToHaveCountAsync(0);
            (await page.GetByRole(AriaRole.Alert).CountAsync()).Should().Be(0, $"{name} loads without an error");
            await DashboardSite.ScreenshotAsync(page, slug);
        }
    }

    [Fact]
    public async Task Sales_team_drills_from_the_shop_to_a_branch_to_a_salesperson_and_back()
    {
        var page = await site.NewPageAsync();
        await DashboardSite.SignInAsync(page, site.ViewerKey, "/sales-team");
        var crumbs = page.GetByRole(AriaRole.Navigation, new() { Name = "Sales team drill-down" });
        var branch = page.GetByRole(AriaRole.Group, new() { Name = "Open a branch" }).GetByRole(AriaRole.Button).First;
        var branchName = (await branch.TextContentAsync())!;
        await branch.ClickAsync();
        await Expect(crumbs).ToContainTextAsync(branchName);

        var person = page.GetByRole(AriaRole.Group, new() { Name = "Open a salesperson" }).GetByRole(AriaRole.Button).First;
        var personName = (await person.TextContentAsync())!;
        await person.ClickAsync();
        await Expect(crumbs).ToContainTextAsync(personName);
        await Expect(page.GetByTestId("chart-person-mix")).ToBeVisibleAsync();
        await DashboardSite.ScreenshotAsync(page, "sales-team-person");

        await crumbs.GetByRole(AriaRole.Button, new() { Name = branchName }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Open a salesperson" })).ToBeVisibleAsync();
        await crumbs.GetByRole(AriaRole.Button, new() { Name = "Whole shop" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Open a branch" })).ToBeVisibleAsync();
    }
}
