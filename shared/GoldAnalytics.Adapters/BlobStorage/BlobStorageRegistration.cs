using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Adapters.BlobStorage;

/// <summary>Registers the blob storage client.</summary>
public static class BlobStorageRegistration
{
    /// <summary>Adds <see cref="IBlobStorage"/> as a singleton over one pooled HttpClient; an <see cref="IBlobWrittenNotifier"/>, if registered, hears of every write.</summary>
    public static IServiceCollection AddBlobStorage(this IServiceCollection services, BlobStorageOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBlobStorage>(provider => new BlobRestClient(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromMinutes(5) },
            options,
            provider.GetService<IBlobWrittenNotifier>(),
            provider.GetService<ILogger<BlobRestClient>>(),
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}
