using System.Net;
using System.Text.Json;
using GoldAnalytics.Functions.Tests.Entry;
using GoldAnalytics.Runtime.Keys;

namespace GoldAnalytics.Functions.Tests.Webhooks;

/// <summary>What the webhook tests do through the API with a manager key: subscribe, sell, read, wait.</summary>
public sealed class WebhookApi(WebhookHost host)
{
    private string? _managerKey;

    public async Task<(Guid Id, string Secret)> SubscribeAsync(Uri url, params string[] kinds)
    {
        var response = await SendAsync(HttpMethod.Post, "/api/webhooks", new { name = "ops pager", url = url.ToString(), eventKinds = kinds });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await EntryHost.JsonAsync(response);
        return (created.GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    /// <summary>A quick sale; returns the invoice id.</summary>
    public async Task<long> SaleAsync()
    {
        var response = await host.SendAsync(HttpMethod.Post, "/api/sales/quick-sale", new { branchId = 2, salespersonId = 2, businessDate = "2026-11-20", items = new[] { new { productId = 1, quantity = 1 } } });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await EntryHost.JsonAsync(response)).GetProperty("id").GetInt64();
    }

    /// <summary>The outbox event of the sale's invoice.</summary>
    public Task<long> EventOfAsync(long invoice) =>
        host.ScalarAsync<long>("SELECT id FROM outbox_events WHERE entity = 'invoice' AND entity_id = @invoice::text AND kind = 'sales.invoice.created'", new { invoice });

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? key = null) =>
        await host.SendAsync(method, path, body, key ?? await ManagerKeyAsync());

    public async Task<JsonElement> JsonAsync(HttpMethod method, string path)
    {
        var response = await SendAsync(method, path);
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        return await EntryHost.JsonAsync(response);
    }

    public static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within 15 s");
            await Task.Delay(50);
        }
    }

    private async Task<string> ManagerKeyAsync() => _managerKey ??= await host.KeyAsync(Role.Manager);
}
