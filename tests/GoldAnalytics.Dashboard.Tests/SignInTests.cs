using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GoldAnalytics.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class SignInTests(DashboardSite site)
{
    [Fact]
    public async Task Signing_in_shows_the_keys_role_and_signing_out_forgets_the_key()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await DashboardSite.ScreenshotAsync(page, "sign-in");

        await DashboardSite.SignInAsync(page, site.ViewerKey);

        await Expect(page.GetByTestId("role")).ToHaveTextAsync("viewer");
        await Expect(page.GetByText("morning-viewer")).ToBeVisibleAsync();
        (await page.EvaluateAsync<string?>("sessionStorage.getItem('goldanalytics.key')")).Should().Be(site.ViewerKey);
        (await page.EvaluateAsync<int>("localStorage.length")).Should().Be(0, "the key is kept for the tab only");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page.GetByLabel("API key")).ToBeVisibleAsync();
        (await page.EvaluateAsync<string?>("sessionStorage.getItem('goldanalytics.key')")).Should().BeNull();
    }

    [Fact]
    public async Task A_reload_keeps_the_session_and_an_admin_key_shows_admin()
    {
        var page = await site.NewPageAsync();
        await DashboardSite.SignInAsync(page, site.AdminKey, "/operations");
        await Expect(page.GetByTestId("role")).ToHaveTextAsync("admin");

        await page.ReloadAsync();

        await Expect(page.GetByTestId("role")).ToHaveTextAsync("admin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Operations", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_invalid_key_is_refused_with_the_servers_own_words()
    {
        const string wrongKey = "ga_this-key-was-never-issued";
        var (status, problem) = await site.ApiAsync("/api/keys/current", wrongKey);
        status.Should().Be(401);
        var detail = problem.GetProperty("detail").GetString()!;
        var page = await site.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByLabel("API key").FillAsync(wrongKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync(detail);
        await Expect(alert).ToContainTextAsync(problem.GetProperty("code").GetString()!);
        await Expect(page.GetByLabel("API key")).ToHaveAttributeAsync("aria-invalid", "true");
        (await page.EvaluateAsync<string?>("sessionStorage.getItem('goldanalytics.key')")).Should().BeNull();
        await DashboardSite.ScreenshotAsync(page, "sign-in-invalid-key");
    }
}
