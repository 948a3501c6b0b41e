using GoldAnalytics.Adapters.BlobStorage;
using GoldAnalytics.Runtime.TestHost;
using GoldAnalytics.Testing;
using Xunit.Abstractions;

namespace GoldAnalytics.Runtime.Tests.Blobs;

public sealed class BlobProcessTests(ITestOutputHelper output) : IAsyncLifetime
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
    public async Task Each_blob_runs_once_across_two_real_host_processes()
    {
        var browser = new BlobRestClient(new HttpClient(), BlobTestHost.Options(_azurite.Endpoint));
        await browser.CreateContainerAsync("product-photos");
        var environment = new Dictionary<string, string>
        {
            ["GA_TESTHOST_PG"] = _database.ConnectionString,
            ["GA_BLOB_ENDPOINT"] = _azurite.Endpoint.ToString(),
            ["GA_BLOB_ACCOUNT"] = PrivateAzurite.Account,
            ["GA_BLOB_KEY"] = PrivateAzurite.Key,
        };
        using var first = TestHostProcess.Start("blobs", "process-a", TimeSpan.FromSeconds(120), environment);
        using var second = TestHostProcess.Start("blobs", "process-b", TimeSpan.FromSeconds(120), environment);
        await WaitUntilAsync(() => Task.FromResult(first.Output.Contains("process-a started", StringComparison.Ordinal) && second.Output.Contains("process-b started", StringComparison.Ordinal)));

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => browser.PutAsync("product-photos", $"sku-{i:D3}.jpg", new MemoryStream(new byte[i + 1]))));
        var runs = await BlobRuns.WaitForAsync(_database.ConnectionString, 60, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await Task.WhenAll(first.RequestStopAsync(), second.RequestStopAsync());
        var exitCodes = await Task.WhenAll(first.WaitForExitAsync(TimeSpan.FromSeconds(60)), second.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        output.WriteLine(string.Join(", ", runs.GroupBy(r => r.Host).Select(h => $"{h.Key}: {h.Count()} blobs")));
        exitCodes.Should().Equal([0, 0], $"both hosts run and stop cleanly:\n{first.Output}\n{second.Output}");
        var all = await BlobRuns.ReadAsync(_database.ConnectionString);
        all.Should().HaveCount(60);
        all.Select(r => r.BlobName).Should().OnlyHaveUniqueItems();
        all.Select(r => (r.BlobName, r.Detail)).Should().BeEquivalentTo(Enumerable.Range(0, 60).Select(i => ($"sku-{i:D3}.jpg", $"{i + 1} bytes")));
    }

    [Fact]
    public async Task Blobs_claimed_by_a_host_process_that_crashed_are_run_once_by_another_after_the_lease_expires()
    {
        var browser = new BlobRestClient(new HttpClient(), BlobTestHost.Options(_azurite.Endpoint));
        await browser.CreateContainerAsync("product-photos");
        var environment = new Dictionary<string, string>
        {
            ["GA_TESTHOST_PG"] = _database.ConnectionString,
            ["GA_BLOB_ENDPOINT"] = _azurite.Endpoint.ToString(),
            ["GA_BLOB_ACCOUNT"] = PrivateAzurite.Account,
            ["GA_BLOB_KEY"] = PrivateAzurite.Key,
            ["GA_TESTHOST_BLOB_LEASE_SECONDS"] = "3",
            ["GA_TESTHOST_PHOTO_WORK_MS"] = "60000",
        };
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => browser.PutAsync("product-photos", $"crash-{i}.jpg", new MemoryStream(new byte[i + 1]))));

        using var crashing = TestHostProcess.Start("blobs", "crashing", TimeSpan.FromSeconds(120), environment);
        await WaitUntilAsync(async () => await RunningClaimsAsync() == 3);
        var claimedBeforeCrash = await RunningClaimsAsync();
        await crashing.CrashAsync();
        environment["GA_TESTHOST_PHOTO_WORK_MS"] = "10";
        using var survivor = TestHostProcess.Start("blobs", "survivor", TimeSpan.FromSeconds(120), environment);
        var runs = await BlobRuns.WaitForAsync(_database.ConnectionString, 3, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await survivor.RequestStopAsync();
        await survivor.WaitForExitAsync(TimeSpan.FromSeconds(60));

        claimedBeforeCrash.Should().Be(3, "the crashing host had claimed every blob");
        (await BlobRuns.ReadAsync(_database.ConnectionString)).Should().HaveCount(3).And.OnlyContain(r => r.Host == "survivor");
        runs.Select(r => r.BlobName).Should().BeEquivalentTo(["crash-0.jpg", "crash-1.jpg", "crash-2.jpg"]);
        await using var connection = new Npgsql.NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var receipts = new Npgsql.NpgsqlCommand("SELECT count(*) FROM runtime.blob_receipts WHERE status = 'done' AND attempts = 2", connection);
        (await receipts.ExecuteScalarAsync()).Should().Be(3L, "each blob took a second attempt, on the surviving host");
    }

    private async Task<long> RunningClaimsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM runtime.blob_receipts WHERE status = 'running'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }
}
