using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GoldAnalytics.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class OperationsTests(DashboardSite site)
{
    private const string Durable = "/runtime/webhooks/durabletask";

    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_admin_reads_an_instances_history_raises_its_event_and_sees_it_complete_then_purges_it()
    {
        var id = await StartApprovalAsync("approve");
        var page = await site.NewPageAsync();
        var dialogs = AcceptDialogs(page);
        await DashboardSite.SignInAsync(page, site.AdminKey, "/operations");

        var row = InstanceRow(page, id);
        await Expect(row).ToContainTextAsync(SampleApproval.Orchestration);
        await Expect(row).ToContainTextAsync("Running");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Details of {id}" }).ClickAsync();

        var detail = page.GetByTestId("instance-detail");
        var history = detail.GetByRole(AriaRole.List, new() { Name = $"History of {id}" });
        await Expect(detail.GetByTestId("instance-status")).ToContainTextAsync("waiting for approval");
        await Expect(history).ToContainTextAsync("ExecutionStarted");
        await Expect(history).ToContainTextAsync(SampleApproval.Orchestration);

        await detail.GetByLabel("Event", new() { Exact = true }).FillAsync(SampleApproval.EventName);
        await detail.GetByLabel("Data (JSON)").FillAsync("""{"approved": true, "by": "the owner"}""");
        await detail.GetByRole(AriaRole.Button, new() { Name = "Raise event" }).ClickAsync();

        await Expect(detail.GetByTestId("instance-status")).ToContainTextAsync("Completed", new() { Timeout = (float)Settle.TotalMilliseconds });
        await Expect(detail.GetByTestId("instance-output")).ToHaveTextAsync("\"approved by the owner\"");
        await Expect(history).ToContainTextAsync($"EventRaised {SampleApproval.EventName}");
        await Expect(history).ToContainTextAsync("TaskScheduled SampleRecordReorderDecision");
        await Expect(history).ToContainTextAsync("ExecutionCompleted");
        await Expect(row).ToContainTextAsync("Completed");
        (await InstanceAsync(id)).GetProperty("runtimeStatus").GetString().Should().Be("Completed", "the page shows what the API reports");
        await DashboardSite.ScreenshotAsync(page, "operations-orchestration-completed");

        await detail.GetByRole(AriaRole.Button, new() { Name = "Purge history" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Purged" })).ToContainTextAsync($"Purged the history of {id}.");
        await Expect(row).ToHaveCountAsync(0);
        dialogs.Should().ContainSingle().Which.Should().Contain(id, "the purge asks before it deletes");
        (await site.ApiAsync($"{Durable}/instances/{id}")).Status.Should().Be(404, "the purged instance is gone");
        await DashboardSite.ScreenshotAsync(page, "operations-orchestration-purged");
    }

    [Fact]
    public async Task An_admin_terminates_a_running_instance_and_its_history_says_why()
    {
        var id = await StartApprovalAsync("terminate");
        var page = await site.NewPageAsync();
        var dialogs = AcceptDialogs(page);
        await DashboardSite.SignInAsync(page, site.AdminKey, "/operations");

        var row = InstanceRow(page, id);
        await row.GetByRole(AriaRole.Button, new() { Name = $"Details of {id}" }).ClickAsync();
        var detail = page.GetByTestId("instance-detail");
        await detail.GetByRole(AriaRole.Button, new() { Name = "Terminate" }).ClickAsync();

        await Expect(detail.GetByTestId("instance-status")).ToContainTextAsync("Terminated", new() { Timeout = (float)Settle.TotalMilliseconds });
        await Expect(detail.GetByRole(AriaRole.List, new() { Name = $"History of {id}" })).ToContainTextAsync("ExecutionTerminated (Terminated from the dashboard)");
        await Expect(row).ToContainTextAsync("Terminated");
        await Expect(detail.GetByRole(AriaRole.Button, new() { Name = "Raise event" })).ToHaveCountAsync(0);
        await Expect(detail.GetByRole(AriaRole.Button, new() { Name = "Purge history" })).ToBeVisibleAsync();
        dialogs.Should().ContainSingle().Which.Should().Be($"Terminate {id}?");
        (await InstanceAsync(id)).GetProperty("runtimeStatus").GetString().Should().Be("Terminated");
        await DashboardSite.ScreenshotAsync(page, "operations-orchestration-terminated");
    }

    [Fact]
    public async Task A_non_admin_is_not_offered_orchestration_actions_and_the_api_refuses_them()
    {
        var id = await StartApprovalAsync("refused");
        var page = await site.NewPageAsync();
        var durableRequests = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains(Durable, StringComparison.Ordinal))
            {
                durableRequests.Add(request.Url);
            }
        };
        await DashboardSite.SignInAsync(page, site.ViewerKey, "/operations");

        var section = page.GetByRole(AriaRole.Region, new() { Name = "Orchestrations" });
        await Expect(section).ToContainTextAsync("for admin keys; you are signed in as viewer");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Timer schedules" })).ToBeVisibleAsync();
        foreach (var action in new[] { "Details", "Raise event", "Terminate", "Purge history" })
        {
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = action })).ToHaveCountAsync(0);
        }

        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Orchestration instances" })).ToHaveCountAsync(0);
        durableRequests.Should().BeEmpty("the page does not ask for what the key may not see");
        await DashboardSite.ScreenshotAsync(page, "operations-viewer");

        foreach (var key in new[] { site.ViewerKey, site.StaffKey })
        {
            (await site.SendAsync(HttpMethod.Get, $"{Durable}/instances", key)).Status.Should().Be(403);
            (await site.SendAsync(HttpMethod.Get, $"{Durable}/instances/{id}", key)).Status.Should().Be(403);
            (await site.SendAsync(HttpMethod.Post, $"{Durable}/instances/{id}/raiseEvent/{SampleApproval.EventName}", key, new ReorderDecision(true, "a viewer"))).Status.Should().Be(403);
            (await site.SendAsync(HttpMethod.Post, $"{Durable}/instances/{id}/terminate?reason=not-allowed", key)).Status.Should().Be(403);
            (await site.SendAsync(HttpMethod.Delete, $"{Durable}/instances/{id}", key)).Status.Should().Be(403);
        }

        var instance = await InstanceAsync(id);
        instance.GetProperty("runtimeStatus").GetString().Should().Be("Running", "no refused request reached the instance");
        (await site.SendAsync(HttpMethod.Post, $"{Durable}/instances/{id}/terminate?reason=test-over", site.AdminKey)).Status.Should().Be(202);
    }

    [Fact]
    public async Task Timer_schedules_show_the_last_and_next_run_the_api_reports_in_shop_time()
    {
        var lastRun = new DateTimeOffset(2026, 11, 19, 22, 30, 0, TimeSpan.Zero);
        await site.AddTimerScheduleAsync("NightlyStockCount", "0 30 2 * * *", lastRun, error: null);
        var (status, timers) = await site.ApiAsync("/api/operations/timers", site.ViewerKey);
        status.Should().Be(200);
        timers.EnumerateArray().Select(t => t.GetProperty("functionName").GetString()).Should().Contain("NightlyPeriodReports", "the host's own nightly timer is registered");

        var page = await site.NewPageAsync();
        await DashboardSite.SignInAsync(page, site.ViewerKey, "/operations");
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Timer schedules" });
        foreach (var timer in timers.EnumerateArray())
        {
            var name = timer.GetProperty("functionName").GetString()!;
            var row = table.Locator($"tr[data-timer='{name}']");
            await Expect(row).ToContainTextAsync(timer.GetProperty("schedule").GetString()!);
            var next = timer.GetProperty("next");
            next.ValueKind.Should().NotBe(JsonValueKind.Null, $"{name} has a next run");
            await ExpectShopTimeAsync(row.Locator("td[data-column=next] time"), next.GetDateTimeOffset());
            if (timer.GetProperty("lastStartedAt") is { ValueKind: JsonValueKind.String } started)
            {
                await ExpectShopTimeAsync(row.Locator("td[data-column=last] time"), started.GetDateTimeOffset());
            }
            else
            {
                await Expect(row.Locator("td[data-column=last]")).ToHaveTextAsync("never");
            }
        }

        var stockCount = table.Locator("tr[data-timer='NightlyStockCount']");
        await Expect(stockCount.Locator("td[data-column=last]")).ToContainTextAsync("20 Nov 2026, 2:30"); // 22:30 UTC is 02:30 next day in Dubai
        await Expect(stockCount.Locator("td[data-column=next]")).ToContainTextAsync("21 Nov 2026, 2:30");
        await Expect(stockCount).ToContainTextAsync("ok");
        await DashboardSite.ScreenshotAsync(page, "operations-timers");
    }

    /// <summary>The element names the API's instant in its datetime attribute and shows it on the shop's clock.</summary>
    private static async Task ExpectShopTimeAsync(ILocator time, DateTimeOffset expected)
    {
        var shown = DateTimeOffset.Parse((await time.GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture);
        shown.Should().Be(expected);
        var local = TimeZoneInfo.ConvertTime(expected, DashboardSite.ShopZone);
        await Expect(time).ToContainTextAsync(local.ToString("yyyy, h:mm", CultureInfo.InvariantCulture));
    }

    private async Task<string> StartApprovalAsync(string purpose)
    {
        var id = $"reorder-{purpose}-{Guid.NewGuid():N}"[..30];
        var (status, body) = await site.SendAsync(HttpMethod.Post, $"{Durable}/orchestrators/{SampleApproval.Orchestration}/{id}", site.AdminKey);
        status.Should().Be(202, "the instance starts: {0}", body);
        var deadline = DateTime.UtcNow + Settle;
        while (true)
        {
            var instance = await InstanceAsync(id);
            if (instance.GetProperty("runtimeStatus").GetString() == "Running" && instance.GetProperty("customStatus").ValueKind == JsonValueKind.String)
            {
                return id;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the orchestration should be waiting for its event by now");
            await Task.Delay(100);
        }
    }

    private async Task<JsonElement> InstanceAsync(string id) => (await site.ApiAsync($"{Durable}/instances/{id}")).Body;

    private static ILocator InstanceRow(IPage page, string id) =>
        page.GetByRole(AriaRole.Table, new() { Name = "Orchestration instances" }).Locator($"tr[data-instance='{id}']");

    /// <summary>Accepts every confirmation the page asks for and records its message.</summary>
    private static List<string> AcceptDialogs(IPage page)
    {
        var messages = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            messages.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        return messages;
    }
}
