using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;

namespace GoldAnalytics.Runtime.Hosting;

/// <summary>Prints every function with its trigger once the server listens, as the Functions host does.</summary>
internal sealed class FunctionListing(FunctionCatalogue catalogue, HttpFunctionTable http, FunctionsRuntimeOptions options, IServer server, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Listing is { } writer)
        {
            lifetime.ApplicationStarted.Register(() => writer.Write(Render(BaseAddress())));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The listing text for a server at <paramref name="baseAddress"/>.</summary>
    public string Render(string baseAddress)
    {
        var lines = catalogue.Functions.Select(f => f.Trigger is HttpTriggerAttribute trigger
            ? $"  {f.Name}: [{string.Join(",", trigger.Methods.Count == 0 ? ["ALL"] : trigger.Methods)}] {baseAddress}{http.Functions.First(h => h.Name == f.Name).RoutePattern}"
            : $"  {f.Name}: {f.Trigger.Describe()}");
        return $"Functions:{Environment.NewLine}{string.Concat(lines.Select(l => l + Environment.NewLine))}";
    }

    private string BaseAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
        return address.Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .TrimEnd('/');
    }
}
