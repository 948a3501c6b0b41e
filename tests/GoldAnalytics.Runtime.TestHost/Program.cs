using GoldAnalytics.Adapters.BlobStorage;
using GoldAnalytics.Runtime.Blobs;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.TestHost;
using GoldAnalytics.Runtime.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Usage: GoldAnalytics.Runtime.TestHost <timers|blobs> <host name> <seconds to run>
// Stops after that many seconds, or earlier when a line is written to its standard input.
// Reads GA_TESTHOST_PG, and for blobs GA_BLOB_ENDPOINT, GA_BLOB_ACCOUNT and GA_BLOB_KEY, from the environment;
// optionally GA_TESTHOST_PHOTO_WORK_MS (how long the photo function works) and GA_TESTHOST_BLOB_LEASE_SECONDS.
var mode = args[0];
var hostName = args[1];
var runFor = TimeSpan.FromSeconds(double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
var connectionString = Environment.GetEnvironmentVariable("GA_TESTHOST_PG")
                       ?? throw new InvalidOperationException("GA_TESTHOST_PG is not set.");

var builder = Host.CreateApplicationBuilder();
var catalogue = FunctionCatalogue.Discover(typeof(TimerFunctions).Assembly);
var timerFunctions = new TimerFunctions(new TimerRuns(connectionString, hostName));
var blobFunctions = new BlobFunctions(new BlobRuns(connectionString, hostName), TimeSpan.FromMilliseconds(Setting("GA_TESTHOST_PHOTO_WORK_MS", 20)));
builder.Services.AddSingleton(catalogue);
builder.Services.AddSingleton<IFunctionDispatcher>(new CatalogueDispatcher(catalogue.Functions, type => type == typeof(TimerFunctions) ? timerFunctions : blobFunctions));
switch (mode)
{
    case "timers":
        builder.Services.AddTimerTriggers(connectionString);
        break;
    case "blobs":
        builder.Services.AddBlobStorage(BlobStorageOptions.FromEnvironment());
        builder.Services.AddBlobTriggers(connectionString, new BlobTriggerOptions
        {
            PollingInterval = TimeSpan.FromMilliseconds(500),
            LeaseDuration = TimeSpan.FromSeconds(Setting("GA_TESTHOST_BLOB_LEASE_SECONDS", 60)),
        });
        break;
    default:
        throw new InvalidOperationException($"Unknown mode '{mode}'; use timers or blobs.");
}

using var host = builder.Build();
await host.StartAsync();
Console.WriteLine($"{hostName} started");
var stopRequested = Task.Run(Console.In.ReadLine);
await Task.WhenAny(Task.Delay(runFor), stopRequested);
await host.StopAsync();
Console.WriteLine($"{hostName} stopped");

static int Setting(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : fallback;
