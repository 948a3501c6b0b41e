using GoldAnalytics.Adapters.BlobStorage;
using GoldAnalytics.Runtime.Blobs;
using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Durable.Http;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;
using GoldAnalytics.Runtime.Hosting;
using GoldAnalytics.Runtime.Timers;

namespace GoldAnalytics.Functions;

/// <summary>The trigger sources besides HTTP (timers, blobs, orchestrations and activities), configured from host.json and the environment.</summary>
internal static class TriggerSources
{
    public static void AddTriggerSources(this WebApplicationBuilder builder)
    {
        var (settings, environment) = builder.Services.RuntimeSettings();
        var database = environment.RequireDatabase();
        builder.Services.AddTimerTriggers(database, new TimerOptions { TimeZone = builder.Configuration["GA_TIME_ZONE"] ?? "UTC" });
        builder.Services.AddDurableTask(configure: options =>
        {
            var durable = settings.Extensions.DurableTask;
            options.ConnectionString = database;
            options.MaxConcurrentOrchestratorFunctions = durable.MaxConcurrentOrchestratorFunctions;
            options.MaxConcurrentActivityFunctions = durable.MaxConcurrentActivityFunctions;
            options.ExtendedSessionsEnabled = durable.ExtendedSessionsEnabled;
            options.MaxPollingInterval = durable.MaxQueuePollingInterval;
        });

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

/// <summary>The orchestration management API, under the same admin keys as every other admin endpoint.</summary>
internal static class DurableManagement
{
    public static void MapDurableManagement(this WebApplication app)
    {
        var keys = app.Services.GetRequiredService<KeyAuthenticator>();
        app.MapDurableTaskManagement(async http =>
        {
            // Throws the same 401/403 problem details as any admin function when the key is missing, wrong or not admin.
            await keys.AuthorizeAsync(http, AuthorizationLevel.Admin, Role.Admin);
            return true;
        });
    }
}
