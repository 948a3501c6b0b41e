using GoldAnalytics.Adapters.BlobStorage;
using GoldAnalytics.Runtime.Blobs;
using GoldAnalytics.Runtime.TestHost;
using GoldAnalytics.Testing;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Runtime.Tests.Blobs;

public sealed class BlobStorageOutageTests : IAsyncLifetime
{
    private readonly RuntimeDatabase _database = new();
    private PrivateAzurite _azurite = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await BlobRuns.CreateTableAsync(_database.ConnectionString);
        _azurite = await PrivateAzurite.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Azurite_restarting_during_polling_loses_and_duplicates_no_blob()
    {
        var browser = new BlobRestClient(new HttpClient(), BlobTestHost.Options(_azurite.Endpoint));
        await browser.CreateContainerAsync("photos");
        var log = new ListLogger<BlobTriggerListener>();
        var options = new BlobTriggerOptions { PollingInterval = TimeSpan.FromMilliseconds(200), RetryDelay = TimeSpan.FromMilliseconds(100) };
        await using var host = await BlobTestHost.StartAsync(_database.ConnectionString, _azurite.Endpoint, "a", options, null, log, "Photo");

        await PutAsync(browser, "before", 10);
        await BlobRuns.WaitForAsync(_database.ConnectionString, 10, TimeSpan.FromSeconds(15));
        await PutAsync(browser, "just-before-the-stop", 5);
        await _azurite.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var failuresWhileDown = log.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.StartsWith("Blob trigger scan failed", StringComparison.Ordinal));
        await _azurite.StartAgainAsync();
        await PutAsync(browser, "after", 5);
        var runs = await BlobRuns.WaitForAsync(_database.ConnectionString, 20, TimeSpan.FromSeconds(45));
        await Task.Delay(TimeSpan.FromSeconds(1));

        failuresWhileDown.Should().BeGreaterThan(0, "the listener noticed the outage and kept going");
        (await BlobRuns.ReadAsync(_database.ConnectionString)).Should().HaveCount(20);
        runs.Select(r => r.BlobName).Should().OnlyHaveUniqueItems().And.HaveCount(20);
    }

    private static Task<BlobItem[]> PutAsync(BlobRestClient client, string prefix, int count) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => client.PutAsync("photos", $"{prefix}/{i:D2}.jpg", new MemoryStream(new byte[i + 1]))));
}
