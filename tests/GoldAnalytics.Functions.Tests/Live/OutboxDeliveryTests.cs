using System.Net;
using System.Net.Http.Json;
using GoldAnalytics.Data.Outbox;
using GoldAnalytics.Functions.Live;
using GoldAnalytics.Functions.Tests.Entry;
using GoldAnalytics.Runtime.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GoldAnalytics.Functions.Tests.Live;

/// <summary>A subscriber of the test's own, next to the host's: it fails while told to, or only for some events.</summary>
internal sealed class FlakySubscriber(string name) : IDomainEventSubscriber
{
    public string Name => name;

    public bool Failing { get; set; } = true;

    public HashSet<long> Poison { get; } = [];

    public List<long> Handled { get; } = [];

    public Task HandleAsync(IReadOnlyList<OutboxEvent> batch, CancellationToken cancellationToken)
    {
        if (Failing || batch.Any(e => Poison.Contains(e.Id)))
        {
            throw new InvalidOperationException($"{name} is down");
        }

        lock (Handled)
        {
            Handled.AddRange(batch.Select(e => e.Id));
        }

        return Task.CompletedTask;
    }
}

public sealed class OutboxDeliveryTests(EntryHost host) : IClassFixture<EntryHost>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    // A test's subscribers leave with their receipts, even when it fails, so later events of the shared database can settle without them.
    public Task DisposeAsync() => host.ScalarAsync<long>("WITH gone AS (DELETE FROM outbox_subscribers WHERE name LIKE 'flaky-%' RETURNING 1) SELECT count(*) FROM gone");

    private static readonly OutboxDispatcherOptions Fast = new() { FirstRetry = TimeSpan.FromMilliseconds(100), MaxRetry = TimeSpan.FromMilliseconds(400), MaxAttempts = 3, PollingInterval = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task A_failing_subscriber_retries_with_backoff_goes_dead_after_its_attempts_and_never_delays_the_dashboard_push()
    {
        var flaky = new FlakySubscriber("flaky-alerts");
        await Store.RegisterAsync([flaky.Name], CancellationToken.None);
        using var dispatcher = Dispatcher(flaky);
        await dispatcher.StartAsync(CancellationToken.None);
        using var subscription = host.App.Services.GetRequiredService<IEventStream>().Subscribe(null);

        var eventId = await SaleAsync();

        var pushed = await LiveEvents.NextAsync(subscription, e => e.GetProperty("eventIds").EnumerateArray().Any(i => i.GetInt64() == eventId), TimeSpan.FromSeconds(2));
        pushed.GetProperty("kinds")[0].GetString().Should().Be("sales.invoice.created");
        await WaitForAsync(() => host.ScalarAsync<bool>("SELECT dead_at IS NOT NULL FROM outbox_deliveries WHERE subscriber = 'flaky-alerts' AND event_id = @eventId", new { eventId }));
        await dispatcher.StopAsync(CancellationToken.None);

        (await host.ScalarAsync<int>("SELECT attempts FROM outbox_deliveries WHERE subscriber = 'flaky-alerts' AND event_id = @eventId", new { eventId })).Should().Be(3);
        (await host.ScalarAsync<bool>("SELECT delivered_at IS NOT NULL FROM outbox_deliveries WHERE subscriber = 'dashboard' AND event_id = @eventId", new { eventId })).Should().BeTrue();
        (await host.ScalarAsync<bool>("SELECT delivered_at IS NOT NULL FROM outbox_events WHERE id = @eventId", new { eventId })).Should().BeTrue("a dead receipt settles the event: nothing is waiting any more");
    }

    [Fact]
    public async Task Admins_see_dead_events_with_their_error_and_redeliver_them()
    {
        var flaky = new FlakySubscriber("flaky-ledger");
        await Store.RegisterAsync([flaky.Name], CancellationToken.None);
        var dispatcher = Dispatcher(flaky);
        var eventId = await SaleAsync();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await host.ScalarAsync<int>("UPDATE outbox_deliveries SET due_at = now() WHERE subscriber = 'flaky-ledger' RETURNING 1");
            await dispatcher.DeliverBatchAsync(flaky, CancellationToken.None);
        }

        var admin = AdminRequest(HttpMethod.Get, "/api/outbox/deliveries?state=dead&subscriber=flaky-ledger");
        var dead = await (await host.Client.SendAsync(admin)).Content.ReadFromJsonAsync<List<DeliveryView>>();
        dead.Should().ContainSingle(d => d.EventId == eventId).Which.LastError.Should().Be("flaky-ledger is down");
        var backlogs = await (await host.Client.SendAsync(AdminRequest(HttpMethod.Get, "/api/outbox/subscribers"))).Content.ReadFromJsonAsync<List<SubscriberBacklog>>();
        backlogs.Should().Contain(b => b.Subscriber == "flaky-ledger" && b.Dead == dead!.Count && b.Waiting == 0);
        (await host.SendAsync(HttpMethod.Get, "/api/outbox/deliveries", key: host.StaffKey)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        flaky.Failing = false;
        var redeliver = await host.Client.SendAsync(AdminRequest(HttpMethod.Post, $"/api/outbox/deliveries/flaky-ledger/{eventId}/redeliver"));
        redeliver.StatusCode.Should().Be(HttpStatusCode.OK, await redeliver.Content.ReadAsStringAsync());
        await dispatcher.DeliverAllAsync(CancellationToken.None);

        flaky.Handled.Should().Contain(eventId);
        (await host.ScalarAsync<bool>("SELECT delivered_at IS NOT NULL AND dead_at IS NULL FROM outbox_deliveries WHERE subscriber = 'flaky-ledger' AND event_id = @eventId", new { eventId })).Should().BeTrue();
        (await host.Client.SendAsync(AdminRequest(HttpMethod.Post, "/api/outbox/deliveries/flaky-ledger/999999/redeliver"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task One_bad_event_does_not_hold_back_the_rest_of_its_batch()
    {
        var flaky = new FlakySubscriber("flaky-batch") { Failing = false };
        await Store.RegisterAsync([flaky.Name], CancellationToken.None);
        var first = await SaleAsync();
        var bad = await SaleAsync();
        var last = await SaleAsync();
        flaky.Poison.Add(bad);

        var outcome = await Dispatcher(flaky, Fast with { FirstRetry = TimeSpan.FromMinutes(1), MaxRetry = TimeSpan.FromMinutes(5) }).DeliverBatchAsync(flaky, CancellationToken.None);

        outcome.Should().Be(BatchOutcome.Done);
        flaky.Handled.Should().Contain([first, last]).And.NotContain(bad);
        (await host.ScalarAsync<string>("SELECT last_error FROM outbox_deliveries WHERE subscriber = 'flaky-batch' AND event_id = @bad AND delivered_at IS NULL AND due_at > now() + interval '50 seconds'", new { bad }))
            .Should().Be("flaky-batch is down");
    }

    private OutboxStore Store => host.App.Services.GetRequiredService<OutboxStore>();

    private OutboxDispatcher Dispatcher(IDomainEventSubscriber subscriber, OutboxDispatcherOptions? options = null) =>
        new(host.App.Services.GetRequiredService<NpgsqlDataSource>(), Store, [subscriber], options ?? Fast, NullLogger<OutboxDispatcher>.Instance);

    private HttpRequestMessage AdminRequest(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", host.AdminKey);
        return request;
    }

    private async Task<long> SaleAsync()
    {
        var response = await host.SendAsync(HttpMethod.Post, "/api/sales/quick-sale", new { branchId = 2, salespersonId = 2, businessDate = "2026-11-20", items = new[] { new { productId = 1, quantity = 1 } } });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await EntryHost.JsonAsync(response)).GetProperty("id").GetInt64();
        return await host.ScalarAsync<long>("SELECT id FROM outbox_events WHERE entity = 'invoice' AND entity_id = @id::text", new { id });
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within 10 s");
            await Task.Delay(50);
        }
    }
}
