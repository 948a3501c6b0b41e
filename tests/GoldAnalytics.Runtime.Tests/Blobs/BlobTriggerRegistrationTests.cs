using GoldAnalytics.Adapters.BlobStorage;
using GoldAnalytics.Runtime.Blobs;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Events;
using GoldAnalytics.Runtime.TestHost;
using GoldAnalytics.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoldAnalytics.Runtime.Tests.Blobs;

/// <summary>Functions whose trigger cannot work; kept apart so start-up checks have something to refuse.</summary>
public static class MisconfiguredFunctions
{
    [Function("KaratCount")]
    public static void KaratCount([BlobTrigger("photos/{name}")] int karat) => _ = karat;
}

public sealed class BlobTriggerRegistrationTests : IAsyncLifetime
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
    public async Task Through_the_registrations_a_write_by_the_apps_blob_client_triggers_at_once()
    {
        // The test host's catalogue: one blob function, PhotoUploaded on product-photos/{name}.
        var catalogue = FunctionCatalogue.Discover(typeof(BlobFunctions).Assembly);
        var functions = new BlobFunctions(new BlobRuns(_database.ConnectionString, "registered"), TimeSpan.Zero);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(catalogue);
        builder.Services.AddSingleton<IFunctionDispatcher>(new CatalogueDispatcher(catalogue.Functions, _ => functions));
        builder.Services.AddBlobStorage(BlobTestHost.Options(_azurite.Endpoint));
        builder.Services.AddBlobTriggers(_database.ConnectionString, new BlobTriggerOptions { PollingInterval = TimeSpan.FromMinutes(5) });

        using var host = builder.Build();
        var storage = host.Services.GetRequiredService<IBlobStorage>();
        await storage.CreateContainerAsync("product-photos");
        await host.StartAsync();
        await Task.Delay(300);
        var written = await storage.PutAsync("product-photos", "necklace.jpg", new MemoryStream(new byte[77]));
        var runs = await BlobRuns.WaitForAsync(_database.ConnectionString, 1, TimeSpan.FromSeconds(5));
        await host.StopAsync();

        runs.Should().ContainSingle().Which.Should().Be(new BlobRun("PhotoUploaded", "necklace.jpg", written.ETag, "registered", "77 bytes"));
        host.Services.GetRequiredService<IBlobWrittenNotifier>().Should().BeSameAs(host.Services.GetRequiredService<BlobWriteSignal>());
    }

    [Fact]
    public void A_trigger_parameter_of_a_type_blobs_cannot_bind_to_stops_start_up_naming_the_function()
    {
        var karat = FunctionCatalogue.Discover(typeof(MisconfiguredFunctions).Assembly).Find("KaratCount")!;

        var act = () => new BlobTriggerListener([karat], new CatalogueDispatcher([karat], _ => new object()),
            new BlobRestClient(new HttpClient(), BlobTestHost.Options(_azurite.Endpoint)), new BlobWriteSignal(),
            new RuntimeEvents([], NullLogger<RuntimeEvents>.Instance), _database.ConnectionString, new BlobTriggerOptions(), NullLogger<BlobTriggerListener>.Instance);

        act.Should().Throw<InvalidOperationException>().WithMessage("Blob function 'KaratCount'*Int32*Stream, byte[], string or BlobItem*");
    }
}
