using GoldAnalytics.Durable.TestHost;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Durable.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

// Usage: GoldAnalytics.Durable.TestHost <connection string> <host name>
// Runs the durable worker with the crash workload until killed; prints "ready" once the worker has started.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: GoldAnalytics.Durable.TestHost <connection string> <host name>");
    return 2;
}

var (connectionString, hostName) = (args[0], args[1]);
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(FunctionCatalogue.Discover(typeof(Workload).Assembly));
builder.Services.AddSingleton<IFunctionDispatcher, ReflectionFunctionDispatcher>();
builder.Services.AddSingleton(new HostIdentity(hostName));
builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
builder.Services.AddSingleton<SideEffects>();
builder.Services.AddDurableTask(builder.Configuration, options =>
{
    options.ConnectionString = connectionString;
    options.HostName = hostName;
    // Short leases and polls: a killed host's activities come back within a second or two.
    options.ActivityLease = TimeSpan.FromSeconds(1);
    options.MaxPollingInterval = TimeSpan.FromMilliseconds(500);
    options.MaxConcurrentOrchestratorFunctions = 20;
    options.MaxConcurrentActivityFunctions = 16;
});

using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("ready");
await host.WaitForShutdownAsync();
return 0;
