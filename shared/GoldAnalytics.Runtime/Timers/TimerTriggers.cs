using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Runtime.Catalogue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Runtime.Timers;

/// <summary>Registration of the timer triggers and the migration set of their table.</summary>
public static class TimerTriggers
{
    /// <summary>The <c>runtime.timer_schedules</c> table; add it to the app's migration sets.</summary>
    public static MigrationSet Migrations { get; } = new("timers", typeof(TimerTriggers).Assembly, "Timers.Migrations");

    /// <summary>
    /// Runs every <see cref="TimerTriggerAttribute"/> function of the registered <see cref="FunctionCatalogue"/> through the
    /// registered <see cref="IFunctionDispatcher"/>, and adds <see cref="ITimerSchedules"/> for the operations page.
    /// </summary>
    public static IServiceCollection AddTimerTriggers(this IServiceCollection services, string connectionString, TimerOptions? options = null)
    {
        options ??= new TimerOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITimerSchedules>(new PostgresTimerSchedules(connectionString, options.Zone));
        services.AddHostedService(provider => new TimerScheduler(
            provider.GetRequiredService<FunctionCatalogue>().WithTrigger<TimerTriggerAttribute>().Select(f => f.Function),
            provider.GetRequiredService<IFunctionDispatcher>(),
            connectionString,
            options,
            provider.GetRequiredService<ILogger<TimerScheduler>>(),
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}
