using GoldAnalytics.Data.Migrations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Runtime.Hosting;

/// <summary>Applies the app's migration sets when the host starts, before trigger sources registered after it.</summary>
internal sealed class MigrationsOnStart(FunctionsRuntimeOptions options, FunctionsEnvironment environment, ILogger<Migrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Migrations.Count > 0)
        {
            await new Migrator(environment.RequireDatabase(), logger).MigrateAsync(options.Migrations, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
