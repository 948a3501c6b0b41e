using GoldAnalytics.Adapters.BlobStorage;
using GoldAnalytics.Runtime.Blobs;
using GoldAnalytics.Runtime.Hosting;
using GoldAnalytics.Runtime.Timers;

namespace GoldAnalytics.Functions;

/// <summary>The trigger sources besides HTTP, configured from host.json and the environment.</summary>
internal static class TriggerSources
{
    public static void AddTriggerSources(this WebApplicationBuilder builder)
    {
        var (settings, environment) = builder.Services.RuntimeSettings();
        var database = environment.RequireDatabase();
        builder.Services.AddTimerTriggers(database, new TimerOptions { TimeZone = builder.Configuration["GA_TIME_ZONE"] ?? "UTC" });

        // Without blob storage the host still serves HTTP and timers; health reports storage as not configured.
        if (environment is { BlobEndpoint: { } endpoint, BlobAccount: { } account, BlobKey: { } key })
        {
            builder.Services.AddBlobStorage(new BlobStorageOptions(endpoint, account, key));
            builder.Services.AddBlobTriggers(database, new BlobTriggerOptions
            {
                PollingInterval = settings.Extensions.Blobs.PollingInterval,
                MaxDequeueCount = settings.Extensions.Blobs.MaxDequeueCount,
                MaxConcurrency = settings.Extensions.Blobs.MaxDegreeOfParallelism,
            });
        }
    }
}
