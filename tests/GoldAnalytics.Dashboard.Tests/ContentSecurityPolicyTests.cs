using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GoldAnalytics.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class ContentSecurityPolicyTests(DashboardSite site)
{
    private static readonly (string Name, string Path)[] Pages =
        [("Sales team", "/sales-team"), ("Products", "/products"), ("Branches", "/branches"), ("Customers", "/customers"), ("Operations", "/operations")];

    [Fact]
    public async Task Every_page_runs_under_the_policy_without_a_violation_and_the_overview_draws_its_charts()
    {
        var (page, violations) = await WatchedPageAsync();
        var document = await page.GotoAsync("/");
        document!.Headers["content-security-policy"].Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'");
        await DashboardSite.SignInAsync(page, site.AdminKey);

        foreach (var chart in new[] { "chart-revenue", "chart-branches", "chart-lines" })
        {
            await Expect(page.GetByTestId(chart)).ToHaveAttributeAsync("data-drawn", "true");
        }

        // A tooltip is HTML with style attributes that ECharts writes into the page.
        var revenue = page.GetByTestId("chart-revenue").Locator(".chart-canvas");
        await revenue.HoverAsync();
        await revenue.HoverAsync(new() { Position = new Position { X = 200, Y = 120 } });
        await Expect(page.GetByTestId("live-status")).ToContainTextAsync("Live");
        foreach (var (name, path) in Pages)
        {
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"{path}(\\?|$)"));
            await Expect(page.Locator("figure.chart[data-drawn=true]").First).ToBeVisibleAsync();
            await Expect(page.Locator("figure.chart:not([data-drawn])")).ToHaveCountAsync(0);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        await page.GotoAsync("/products");
        await Expect(page.Locator("figure.chart[data-drawn=true]").First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Violations(violations).Should().BeEmpty("the built dashboard loads only what its policy allows");
    }

    [Fact]
    public async Task A_script_injected_into_the_page_is_refused_and_reported()
    {
        var (page, violations) = await WatchedPageAsync();
        await DashboardSite.SignInAsync(page, site.ViewerKey);

        var ran = await page.EvaluateAsync<bool>("""
            () => {
              const script = document.createElement('script');
              script.textContent = 'window.injected = true';
              document.head.appendChild(script);
              return window.injected === true;
            }
            """);

        ran.Should().BeFalse();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Violations(violations).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Violations(violations).Should().Contain(v => v.Contains("script-src", StringComparison.Ordinal));
    }

    // Violations are seen twice over: the page's securitypolicyviolation events, and the console lines Chromium writes.
    private async Task<(IPage Page, List<string> Violations)> WatchedPageAsync()
    {
        var page = await site.NewPageAsync();
        var violations = new List<string>();
        await page.ExposeFunctionAsync("reportViolation", (string violation) =>
        {
            lock (violations)
            {
                violations.Add(violation);
            }
        });
        await page.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', (e) =>
              window.reportViolation(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
            """);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (violations)
                {
                    violations.Add(message.Text);
                }
            }
        };
        return (page, violations);
    }

    private static List<string> Violations(List<string> violations)
    {
        lock (violations)
        {
            return [.. violations];
        }
    }
}
