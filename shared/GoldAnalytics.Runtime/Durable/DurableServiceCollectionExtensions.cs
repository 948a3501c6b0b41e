using GoldAnalytics.Runtime.Durable.Store;
using GoldAnalytics.Runtime.Durable.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoldAnalytics.Runtime.Durable;

/// <summary>Registers the durable engine: store, registry, client and the worker hosted service.</summary>
public static class DurableServiceCollectionExtensions
{
    /// <summary>
    /// Adds the durable engine, with options bound from <paramref name="configuration"/> (host.json
    /// <c>extensions:durableTask</c>) and then <paramref name="configure"/>. Needs a <c>FunctionCatalogue</c> and an
    /// <c>IFunctionDispatcher</c> in the container.
    /// </summary>
    public static IServiceCollection AddDurableTask(this IServiceCollection services, IConfiguration? configuration = null, Action<DurableTaskOptions>? configure = null)
    {
        var options = services.AddOptions<DurableTaskOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(DurableTaskOptions.Section));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton(sp => new DurableStore(sp.GetRequiredService<IOptions<DurableTaskOptions>>().Value.ConnectionString));
        services.AddSingleton<DurableRegistry>();
        services.AddSingleton(sp => new DurableTaskClient(sp.GetRequiredService<DurableStore>(), sp.GetRequiredService<DurableRegistry>()));
        services.AddHostedService<DurableWorker>();
        return services;
    }
}
