using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace GoldAnalytics.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed partial class OverviewTests(DashboardSite site, ITestOutputHelper output)
{
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Range_and_filters_live_in_the_url_reach_every_request_and_the_cards_show_the_apis_numbers()
    {
        var (_, options) = await site.ApiAsync("/api/dashboard/filters");
        var branch = options.GetProperty("branches")[1];
        var page = await site.NewPageAsync();
        var financialRequests = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/kpis/financial?", StringComparison.Ordinal))
            {
                financialRequests.Add(request.Url);
            }
        };
        await DashboardSite.SignInAsync(page, site.ViewerKey);

        await page.GetByLabel("Period", new() { Exact = true }).SelectOptionAsync("90d");
        await page.GetByLabel("Branch", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = branch.GetProperty("name").GetString() });
        await page.GetByLabel("Karat", new() { Exact = true }).SelectOptionAsync("22");

        var branchId = branch.GetProperty("id").GetString();
        await Expect(page).ToHaveURLAsync(new Regex($@"\?range=90d&branch={branchId}&karat=22$"));
        var from = Day(DashboardSite.ShopToday.AddDays(-89));
        var to = Day(DashboardSite.ShopToday);
        var query = $"from={from}&to={to}&branch={branchId}&karat=22";
        await WaitForAsync(() => financialRequests.Any(u => u.EndsWith("/api/kpis/financial?" + query, StringComparison.Ordinal)));
        await ExpectCardsEqualApiAsync(page, "/api/kpis/financial?" + query, "the financial KPIs");

        await page.ReloadAsync();
        await Expect(page.GetByLabel("Period", new() { Exact = true })).ToHaveValueAsync("90d");
        await Expect(page.GetByLabel("Branch", new() { Exact = true })).ToHaveValueAsync(branchId!);
        await Expect(page.GetByLabel("Karat", new() { Exact = true })).ToHaveValueAsync("22");
        await DashboardSite.ScreenshotAsync(page, "overview-filtered");
    }

    [Fact]
    public async Task A_custom_range_is_bookmarkable_and_the_numbers_follow_it()
    {
        var from = Day(DashboardSite.ShopToday.AddDays(-20));
        var to = Day(DashboardSite.ShopToday.AddDays(-6));
        var page = await site.NewPageAsync();
        await DashboardSite.SignInAsync(page, site.ViewerKey);

        await page.GetByLabel("Period", new() { Exact = true }).SelectOptionAsync("custom");
        await page.GetByLabel("From", new() { Exact = true }).FillAsync(from);
        await page.GetByLabel("To", new() { Exact = true }).FillAsync(to);

        await Expect(page).ToHaveURLAsync(new Regex($@"\?range=custom&from={from}&to={to}$"));
        await ExpectCardsEqualApiAsync(page, $"/api/kpis/financial?from={from}&to={to}", "the financial KPIs");

        var shared = await site.NewPageAsync();
        await DashboardSite.SignInAsync(shared, site.ViewerKey, $"/?range=custom&from={from}&to={to}");
        await Expect(shared.GetByLabel("From", new() { Exact = true })).ToHaveValueAsync(from);
        await Expect(shared.GetByLabel("To", new() { Exact = true })).ToHaveValueAsync(to);
        await ExpectCardsEqualApiAsync(shared, $"/api/kpis/financial?from={from}&to={to}", "the financial KPIs");
    }

    [Fact]
    public async Task The_overview_is_what_the_owner_opens_every_morning()
    {
        var page = await site.NewPageAsync();
        await DashboardSite.SignInAsync(page, site.AdminKey);
        await Expect(page.GetByTestId("live-status")).ToContainTextAsync("Live");
        await ExpectCardsEqualApiAsync(page, $"/api/kpis/financial?from={Day(DashboardSite.ShopToday.AddDays(-29))}&to={Day(DashboardSite.ShopToday)}", "the financial KPIs");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await DashboardSite.ScreenshotAsync(page, "overview");

        // How long a returning owner waits: reload with the key in the tab, until every financial card shows its number.
        await page.ReloadAsync();
        await Expect(page.Locator("[data-kpi] .kpi-value, [data-testid=not-available]").First).ToBeVisibleAsync();
        await Expect(page.Locator("[role=status][aria-busy=true]")).ToHaveCountAsync(0);
        output.WriteLine($"Overview ready {await page.EvaluateAsync<double>("performance.now()"):F0} ms after navigation start");
    }

    [Fact]
    public async Task The_time_chart_drills_from_months_to_days_and_back_through_the_breadcrumbs()
    {
        var page = await site.NewPageAsync();
        await DashboardSite.SignInAsync(page, site.ViewerKey, "/?range=365d");

        var drill = page.GetByTestId("revenue-drill");
        await Expect(drill).ToHaveAttributeAsync("data-grain", "month");
        var open = page.GetByRole(AriaRole.Group, new() { Name = "Open a period" }).GetByRole(AriaRole.Button).Last;
        var monthName = (await open.TextContentAsync())!["Open ".Length..];
        await open.ClickAsync();

        await Expect(drill).ToHaveAttributeAsync("data-grain", "day");
        await Expect(page).ToHaveURLAsync(new Regex(@"drill=\d{4}-\d{2}$"));
        var crumbs = page.GetByRole(AriaRole.Navigation, new() { Name = "Revenue drill-down" });
        await Expect(crumbs).ToContainTextAsync(monthName);
        await DashboardSite.ScreenshotAsync(page, "overview-drilled");

        await page.GoBackAsync();
        await Expect(drill).ToHaveAttributeAsync("data-grain", "month");
        await page.GoForwardAsync();
        await Expect(drill).ToHaveAttributeAsync("data-grain", "day");
        await crumbs.GetByRole(AriaRole.Button, new() { Name = "Whole period" }).ClickAsync();
        await Expect(drill).ToHaveAttributeAsync("data-grain", "month");
        await Expect(page).Not.ToHaveURLAsync(new Regex("drill="));
    }

    [Fact]
    public async Task Clicking_a_branch_bar_cross_filters_the_page_and_clicking_it_again_clears_it()
    {
        var page = await site.NewPageAsync();
        await DashboardSite.SignInAsync(page, site.ViewerKey);

        var chart = page.GetByTestId("chart-branches");
        var topBranch = await chart.GetByRole(AriaRole.Group).GetByRole(AriaRole.Button).First.TextContentAsync();
        var canvas = chart.Locator(".chart-canvas");
        var box = (await canvas.BoundingBoxAsync())!;
        var bars = await chart.GetByRole(AriaRole.Group).GetByRole(AriaRole.Button).CountAsync();
        // The first (largest) bar: the middle of the top category band, well inside its length.
        await canvas.ClickAsync(new() { Position = new Position { X = box.Width * 0.5f, Y = 8 + ((box.Height - 16) / bars / 2) } });

        await Expect(page.GetByLabel("Branch", new() { Exact = true })).Not.ToHaveValueAsync("");
        var branchId = await page.GetByLabel("Branch", new() { Exact = true }).InputValueAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"branch={branchId}"));
        await Expect(chart.GetByRole(AriaRole.Button, new() { Name = topBranch!, Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
        await ExpectCardsEqualApiAsync(page, $"/api/kpis/financial?from={Day(DashboardSite.ShopToday.AddDays(-29))}&to={Day(DashboardSite.ShopToday)}&branch={branchId}", "the financial KPIs");
        await DashboardSite.ScreenshotAsync(page, "overview-cross-filtered");

        await chart.GetByRole(AriaRole.Button, new() { Name = topBranch!, Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("Branch", new() { Exact = true })).ToHaveValueAsync("");
    }

    [Fact]
    public async Task A_sale_posted_through_the_api_while_the_overview_is_open_updates_it_without_a_reload()
    {
        var page = await site.NewPageAsync();
        await DashboardSite.SignInAsync(page, site.ViewerKey);
        var live = page.GetByTestId("live-status");
        await Expect(live).ToContainTextAsync("Live");
        await Expect(live).ToHaveAttributeAsync("data-version", "0");
        var financial = $"/api/kpis/financial?from={Day(DashboardSite.ShopToday.AddDays(-29))}&to={Day(DashboardSite.ShopToday)}";
        var before = Revenue((await site.ApiAsync(financial, site.ViewerKey)).Body);
        await ExpectValueAsync(page.GetByTestId("kpi-value-revenue"), before);
        await page.EvaluateAsync("window.__sameDocument = true");
        var refetched = page.WaitForRequestAsync(r => r.Url.Contains("/api/kpis/financial?", StringComparison.Ordinal));

        var invoice = await site.PostQuickSaleAsync();

        await refetched;
        await Expect(live).Not.ToHaveAttributeAsync("data-version", "0");
        await Expect(live).ToContainTextAsync("last update");
        (await page.EvaluateAsync<bool>("window.__sameDocument === true")).Should().BeTrue("the page was not reloaded");
        var after = Revenue((await site.ApiAsync(financial, site.ViewerKey)).Body);
        after.Should().BeGreaterThan(before, "the API counts the sale of {0}", invoice.GetProperty("number").GetString());
        await ExpectValueAsync(page.GetByTestId("kpi-value-revenue"), after);

        await DashboardSite.ScreenshotAsync(page, "overview-live-update");
    }

    [Fact]
    public async Task On_a_phone_the_overview_fits_the_screen()
    {
        var page = await site.NewPageAsync(phone: true);
        await DashboardSite.SignInAsync(page, site.ViewerKey);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        overflow.Should().BeLessThanOrEqualTo(0, "nothing scrolls sideways on a phone");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" })).ToBeVisibleAsync();
        await DashboardSite.ScreenshotAsync(page, "overview-phone");
    }

    [Fact]
    public async Task The_keyboard_reaches_content_and_pages_with_a_visible_focus()
    {
        var page = await site.NewPageAsync();
        await DashboardSite.SignInAsync(page, site.ViewerKey);

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        var link = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link, new() { Name = "Products" });
        await link.FocusAsync();
        var outline = await link.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle");
        outline.Should().Be("solid", "the focused link shows a focus ring");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex("/products$"));
        await Expect(link).ToHaveAttributeAsync("aria-current", "page");
    }

    /// <summary>Every card of the API's answer shows its exact value (in the title) and its name.</summary>
    private async Task ExpectCardsEqualApiAsync(IPage page, string pathAndQuery, string what)
    {
        var (status, body) = await site.ApiAsync(pathAndQuery, site.ViewerKey);
        status.Should().Be(200);
        foreach (var kpi in body.GetProperty("kpis").EnumerateArray())
        {
            var card = page.GetByTestId("kpi-value-" + kpi.GetProperty("code").GetString());
            var value = kpi.GetProperty("value");
            if (value.ValueKind == JsonValueKind.Null)
            {
                await Expect(card).ToHaveTextAsync("—");
            }
            else
            {
                await ExpectValueAsync(card, value.GetDecimal());
            }
        }
    }

    /// <summary>The card's exact value (its title) equals the API's, to the precision a browser number keeps.</summary>
    private static async Task ExpectValueAsync(ILocator card, decimal expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var title = await card.GetAttributeAsync("title");
            if (title is not null && Math.Abs(double.Parse(title, CultureInfo.InvariantCulture) - (double)expected) <= 1e-9 * Math.Max(1, Math.Abs((double)expected)))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                title.Should().Be(expected.ToString(CultureInfo.InvariantCulture), "the card shows the API's value");
            }

            await Task.Delay(100);
        }
    }

    private static decimal Revenue(JsonElement report) =>
        report.GetProperty("kpis").EnumerateArray().First(k => k.GetProperty("code").GetString() == "revenue").GetProperty("value").GetDecimal();

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the dashboard should have sent the request by now");
            await Task.Delay(50);
        }
    }
}
