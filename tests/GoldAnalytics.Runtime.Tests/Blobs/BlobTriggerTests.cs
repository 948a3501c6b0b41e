using Dapper;
using GoldAnalytics.Adapters.BlobStorage;
using GoldAnalytics.Runtime.Blobs;
using GoldAnalytics.Runtime.Events;
using GoldAnalytics.Runtime.TestHost;
using GoldAnalytics.Testing;
using Npgsql;

namespace GoldAnalytics.Runtime.Tests.Blobs;

// Each test gets its own database and Azurite, since blob paths name fixed containers.
public sealed class BlobTriggerTests : IAsyncLifetime
{
    private static readonly BlobTriggerOptions SlowPolling = new() { PollingInterval = TimeSpan.FromMinutes(5) };
    private static readonly BlobTriggerOptions FastPolling = new() { PollingInterval = TimeSpan.FromMilliseconds(200), RetryDelay = TimeSpan.FromMilliseconds(100) };
    private readonly RuntimeDatabase _database = new();
    private PrivateAzurite _azurite = null!;
    private BlobRestClient _browser = null!;

    private string Db => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await BlobRuns.CreateTableAsync(Db);
        _azurite = await PrivateAzurite.StartAsync();
        // Writes that bypass the app, as a browser with a SAS URL does: no host hears of them.
        _browser = new BlobRestClient(new HttpClient(), BlobTestHost.Options(_azurite.Endpoint));
        foreach (var container in new[] { "photos", "imports", "streams", "listed", "poison", "flaky" })
        {
            await _browser.CreateContainerAsync(container);
        }
    }

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_blob_written_through_the_app_runs_its_function_at_once_with_the_path_parts_bound()
    {
        await using var host = await BlobTestHost.StartAsync(Db, _azurite.Endpoint, "a", SlowPolling, null, "Import");

        await host.Client.PutAsync("imports", "downtown/sales-2026-03.csv", Text("sku,grams\nRNG-1,4.2"));
        var runs = await BlobRuns.WaitForAsync(Db, 1, TimeSpan.FromSeconds(5));

        runs.Should().ContainSingle().Which.Detail.Should().Be("downtown|sales-2026-03|sku,grams\nRNG-1,4.2");
    }

    [Fact]
    public async Task A_blob_written_through_another_host_is_heard_through_postgres_notify()
    {
        await using var writer = await BlobTestHost.StartAsync(Db, _azurite.Endpoint, "writer", SlowPolling);
        await using var reader = await BlobTestHost.StartAsync(Db, _azurite.Endpoint, "reader", SlowPolling, null, "Photo");
        await WaitUntilListeningAsync();

        var written = await writer.Client.PutAsync("photos", "ring-22k.jpg", new MemoryStream(new byte[321]));
        var runs = await BlobRuns.WaitForAsync(Db, 1, TimeSpan.FromSeconds(5));

        runs.Should().ContainSingle().Which.Should().Be(new BlobRun("Photo", "ring-22k.jpg", written.ETag, "reader", "321"));
    }

    [Fact]
    public async Task A_blob_uploaded_around_the_app_is_found_by_polling()
    {
        await using var host = await BlobTestHost.StartAsync(Db, _azurite.Endpoint, "a", FastPolling, null, "Photo");

        await _browser.PutAsync("photos", "uploaded-by-browser.jpg", new MemoryStream(new byte[42]));
        await _browser.PutAsync("imports", "not-watched.jpg", new MemoryStream(new byte[1]));
        var runs = await BlobRuns.WaitForAsync(Db, 1, TimeSpan.FromSeconds(5));

        runs.Should().ContainSingle().Which.Detail.Should().Be("42");
    }

    [Fact]
    public async Task A_function_can_take_the_blob_as_a_stream_or_as_its_properties_and_metadata()
    {
        await using var host = await BlobTestHost.StartAsync(Db, _azurite.Endpoint, "a", SlowPolling, null, "Streamed", "Listed");

        await host.Client.PutAsync("streams", "bar/24k.bin", new MemoryStream(new byte[70_000]));
        await host.Client.PutAsync("listed", "coin.jpg", new MemoryStream(new byte[5]), new BlobUpload("image/jpeg", new Dictionary<string, string> { ["karat"] = "24" }));
        var runs = await BlobRuns.WaitForAsync(Db, 2, TimeSpan.FromSeconds(5));

        runs.Select(r => (r.FunctionName, r.Detail)).Should().BeEquivalentTo([("Streamed", "streams/bar/24k.bin|70000"), ("Listed", "5|24")]);
    }

    [Fact]
    public async Task Each_blob_version_runs_once_across_two_hosts_and_a_changed_blob_runs_again()
    {
        var options = FastPolling with { PageSize = 7 };
        await using var first = await BlobTestHost.StartAsync(Db, _azurite.Endpoint, "a", options, null, "Photo");
        await using var second = await BlobTestHost.StartAsync(Db, _azurite.Endpoint, "b", options, null, "Photo");

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => _browser.PutAsync("photos", $"direct/{i:D3}.jpg", new MemoryStream(new byte[i + 1]))));
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? first : second).Client.PutAsync("photos", $"app/{i:D3}.jpg", new MemoryStream(new byte[i + 1]))));
        await BlobRuns.WaitForAsync(Db, 80, TimeSpan.FromSeconds(30));
        var changed = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => _browser.PutAsync("photos", $"direct/{i:D3}.jpg", new MemoryStream(new byte[500])))) ;
        await BlobRuns.WaitForAsync(Db, 85, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var runs = await BlobRuns.ReadAsync(Db);
        runs.Should().HaveCount(85);
        runs.GroupBy(r => (r.BlobName, r.ETag)).Should().OnlyContain(version => version.Count() == 1);
        runs.Select(r => r.BlobName).Distinct().Should().HaveCount(80);
        runs.Where(r => r.Detail == "500").Select(r => r.ETag).Should().BeEquivalentTo(changed.Select(c => c.ETag));
        runs.Select(r => r.Host).Distinct().Should().BeEquivalentTo(["a", "b"], "both hosts share the work");
    }

    [Fact]
    public async Task A_blob_that_keeps_failing_is_retried_up_to_the_dequeue_count_then_recorded_as_poison_with_an_event()
    {
        var events = new CapturedEvents();
        await using var host = await BlobTestHost.StartAsync(Db, _azurite.Endpoint, "a", FastPolling with { MaxDequeueCount = 3 }, events, "AlwaysFails");

        var blob = await host.Client.PutAsync("poison", "not-a-photo.txt", Text("hello"));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (events.Events.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        (await BlobRuns.ReadAsync(Db)).Should().HaveCount(3, "three attempts, then never again");
        var poisoned = events.Events.Should().ContainSingle().Which.Should().BeOfType<BlobPoisoned>().Subject;
        poisoned.Should().BeEquivalentTo(new { FunctionName = "AlwaysFails", Container = "poison", BlobName = "not-a-photo.txt", blob.ETag, Attempts = 3 });
        poisoned.Error.Should().Be("InvalidDataException: 'hello' is not a photo");
        await using var connection = new NpgsqlConnection(Db);
        var row = await connection.QuerySingleAsync<(int Attempts, string Error)>("SELECT attempts, error FROM runtime.blob_poison WHERE blob_name = 'not-a-photo.txt'");
        row.Should().Be((3, "InvalidDataException: 'hello' is not a photo"));
    }

    [Fact]
    public async Task A_blob_that_fails_twice_succeeds_on_the_third_attempt_and_is_not_poison()
    {
        var events = new CapturedEvents();
        await using var host = await BlobTestHost.StartAsync(Db, _azurite.Endpoint, "a", FastPolling, events, "FailsTwice");

        await host.Client.PutAsync("flaky", "bangle.jpg", Text("ok"));
        await BlobRuns.WaitForAsync(Db, 3, TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(1));

        (await BlobRuns.ReadAsync(Db)).Select(r => r.Detail).Should().Equal("attempt 1", "attempt 2", "attempt 3");
        events.Events.Should().BeEmpty();
        (await ReceiptStatusAsync("FailsTwice", "bangle.jpg")).Should().Be("done");
    }

    [Fact]
    public async Task A_blob_claimed_by_a_host_that_crashed_is_taken_over_once_its_lease_expires()
    {
        var blob = await _browser.PutAsync("photos", "half-done.jpg", new MemoryStream(new byte[9]));
        await using (var connection = new NpgsqlConnection(Db))
        {
            await connection.ExecuteAsync("""
                INSERT INTO runtime.blob_receipts (function_name, container, blob_name, etag, status, attempts, lease_owner, lease_until)
                VALUES ('Photo', 'photos', 'half-done.jpg', @etag, 'running', 1, 'crashed-host', now() + interval '2 seconds')
                """, new { etag = blob.ETag });
        }

        await using var host = await BlobTestHost.StartAsync(Db, _azurite.Endpoint, "a", FastPolling, null, "Photo");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var whileLeased = await BlobRuns.ReadAsync(Db);
        var afterExpiry = await BlobRuns.WaitForAsync(Db, 1, TimeSpan.FromSeconds(10));

        whileLeased.Should().BeEmpty("the crashed host's lease still holds");
        afterExpiry.Should().ContainSingle().Which.ETag.Should().Be(blob.ETag);
        (await ReceiptStatusAsync("Photo", "half-done.jpg")).Should().Be("done");
    }

    [Fact]
    public async Task A_version_overwritten_before_its_retry_is_superseded_and_only_the_new_version_runs()
    {
        var old = await _browser.PutAsync("photos", "retouched.jpg", new MemoryStream(new byte[1]));
        await using (var connection = new NpgsqlConnection(Db))
        {
            await connection.ExecuteAsync("""
                INSERT INTO runtime.blob_receipts (function_name, container, blob_name, etag, status, attempts, next_attempt_at, last_error)
                VALUES ('Photo', 'photos', 'retouched.jpg', @etag, 'failed', 1, now(), 'IOException: disk full')
                """, new { etag = old.ETag });
        }

        var current = await _browser.PutAsync("photos", "retouched.jpg", new MemoryStream(new byte[2]));
        await using var host = await BlobTestHost.StartAsync(Db, _azurite.Endpoint, "a", FastPolling, null, "Photo");
        var runs = await BlobRuns.WaitForAsync(Db, 1, TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(1));

        (await BlobRuns.ReadAsync(Db)).Should().ContainSingle().Which.ETag.Should().Be(current.ETag);
        runs.Should().ContainSingle();
        await using var check = new NpgsqlConnection(Db);
        var statuses = await check.QueryAsync<(string ETag, string Status)>("SELECT etag, status FROM runtime.blob_receipts WHERE blob_name = 'retouched.jpg'");
        statuses.Should().BeEquivalentTo([(old.ETag, "superseded"), (current.ETag, "done")]);
    }

    // Notifications sent before a host's LISTEN are not delivered to it, so wait for the reader to listen.
    private async Task WaitUntilListeningAsync()
    {
        await using var connection = new NpgsqlConnection(Db);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && await connection.ExecuteScalarAsync<long>(
                   "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'") == 0)
        {
            await Task.Delay(50);
        }
    }

    // The function records its run before it returns, and the receipt is settled after that, so a busy
    // machine may show "running" for a moment: wait for the settled status (or give the last one seen).
    private async Task<string> ReceiptStatusAsync(string function, string name)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            await using var connection = new NpgsqlConnection(Db);
            var status = await connection.QuerySingleAsync<string>(
                "SELECT status FROM runtime.blob_receipts WHERE function_name = @function AND blob_name = @name", new { function, name });
            if (status != "running" || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(100);
        }
    }

    private static MemoryStream Text(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));
}
