using GoldAnalytics.Adapters.BlobStorage;
using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Runtime.Blobs;

/// <summary>Registration of the blob triggers and the migration set of their tables.</summary>
public static class BlobTriggers
{
    /// <summary>The <c>runtime.blob_receipts</c> and <c>runtime.blob_poison</c> tables; add it to the app's migration sets.</summary>
    public static MigrationSet Migrations { get; } = new("blobs", typeof(BlobTriggers).Assembly, "Blobs.Migrations");

    /// <summary>
    /// Runs every <see cref="BlobTriggerAttribute"/> function of the registered <see cref="FunctionCatalogue"/> through the
    /// registered <see cref="IFunctionDispatcher"/>, reading blobs with the registered <see cref="IBlobStorage"/>.
    /// Registers <see cref="IBlobWrittenNotifier"/> (so the blob client signals its writes) and <see cref="IRuntimeEvents"/>;
    /// add <see cref="IRuntimeEventHandler"/>s to hear of poison blobs.
    /// </summary>
    public static IServiceCollection AddBlobTriggers(this IServiceCollection services, string connectionString, BlobTriggerOptions? options = null)
    {
        options ??= new BlobTriggerOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BlobWriteSignal>();
        services.AddSingleton<IBlobWrittenNotifier>(provider => provider.GetRequiredService<BlobWriteSignal>());
        services.TryAddSingleton<IRuntimeEvents, RuntimeEvents>();
        services.AddHostedService(provider => new BlobTriggerListener(
            provider.GetRequiredService<FunctionCatalogue>().WithTrigger<BlobTriggerAttribute>().Select(f => f.Function),
            provider.GetRequiredService<IFunctionDispatcher>(),
            provider.GetRequiredService<IBlobStorage>(),
            provider.GetRequiredService<BlobWriteSignal>(),
            provider.GetRequiredService<IRuntimeEvents>(),
            connectionString,
            options,
            provider.GetRequiredService<ILogger<BlobTriggerListener>>(),
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}
