using Dapper;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Durable.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GoldAnalytics.Runtime.Tests.Durable;

/// <summary>
/// A fresh database and one in-process durable host running this test assembly's functions through the
/// reflection invoker (a stand-in for the runtime's invoker; the store is the real PostgreSQL).
/// </summary>
public class DurableTestHost : IAsyncLifetime
{
    private readonly DurableDatabase _database = new();
    private ServiceProvider? _services;

    public DurableTaskClient Client => _services!.GetRequiredService<DurableTaskClient>();

    public string ConnectionString => _database.ConnectionString;

    protected virtual void Configure(DurableTaskOptions options)
    {
    }

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _services = BuildServices(_database.ConnectionString, Configure);
        foreach (var hosted in _services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            foreach (var hosted in _services.GetServices<IHostedService>())
            {
                await hosted.StopAsync(CancellationToken.None);
            }

            await _services.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    /// <summary>Starts an instance and waits (bounded) for it to finish.</summary>
    public async Task<OrchestrationMetadata> RunAsync(string name, object? input = null, string? instanceId = null, int timeoutSeconds = 30)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId));
        return await CompletionAsync(id, timeoutSeconds);
    }

    public async Task<OrchestrationMetadata> CompletionAsync(string instanceId, int timeoutSeconds = 30)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Waits until the instance reaches a status (bounded).</summary>
    public async Task<OrchestrationMetadata> StatusAsync(string instanceId, OrchestrationRuntimeStatus status, int timeoutSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var instance = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            if (instance?.RuntimeStatus == status || DateTime.UtcNow > deadline)
            {
                return instance!;
            }

            await Task.Delay(20);
        }
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        return await connection.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException("No value.");
    }

    internal static ServiceProvider BuildServices(string connectionString, Action<DurableTaskOptions> configure)
    {
        var services = new ServiceCollection();
        AddTestDurable(services, connectionString, configure);
        return services.BuildServiceProvider();
    }

    internal static void AddTestDurable(IServiceCollection services, string connectionString, Action<DurableTaskOptions> configure)
    {
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddProvider(new RecordingLoggerProvider()));
        services.AddSingleton(FunctionCatalogue.Discover(typeof(DurableTestHost).Assembly));
        services.AddSingleton<IFunctionDispatcher, ReflectionFunctionDispatcher>();
        services.AddDurableTask(configure: options =>
        {
            options.ConnectionString = connectionString;
            options.MaxPollingInterval = TimeSpan.FromSeconds(1);
            options.ActivityLease = TimeSpan.FromSeconds(3);
            configure(options);
        });
    }
}
