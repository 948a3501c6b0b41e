using GoldAnalytics.Runtime.Catalogue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GoldAnalytics.Runtime.Timers;

/// <summary>The hosted service that runs every timer function of the host on its schedule, once per slot cluster-wide.</summary>
public sealed class TimerScheduler : BackgroundService
{
    private readonly NpgsqlDataSource _database;
    private readonly IReadOnlyList<TimerFunctionLoop> _loops;

    /// <summary>Checks every schedule now, so a bad expression stops start-up naming its function.</summary>
    public TimerScheduler(
        IEnumerable<FunctionDescriptor> functions,
        IFunctionDispatcher dispatcher,
        string connectionString,
        TimerOptions options,
        ILogger<TimerScheduler> logger,
        TimeProvider? clock = null)
    {
        _database = NpgsqlDataSource.Create(connectionString);
        var zone = options.Zone;
        var slots = new TimerSlots(_database, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");
        _loops = functions
            .Select(f => (Function: f, Trigger: f.Trigger as TimerTriggerAttribute
                ?? throw new ArgumentException($"Function '{f.Name}' has no timer trigger.", nameof(functions))))
            .Select(x => new TimerFunctionLoop(x.Function, x.Trigger, Parse(x.Function.Name, x.Trigger.Schedule, zone), slots, dispatcher, options, clock ?? TimeProvider.System, logger))
            .ToList();
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_loops.Select(loop => Task.Run(() => loop.RunAsync(stoppingToken), CancellationToken.None)));

    /// <inheritdoc />
    public override void Dispose()
    {
        base.Dispose();
        _database.Dispose();
    }

    private static TimerSchedule Parse(string function, string expression, TimeZoneInfo zone)
    {
        try
        {
            return TimerSchedule.Parse(expression, zone);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"Timer function '{function}': {e.Message}", e);
        }
    }
}
