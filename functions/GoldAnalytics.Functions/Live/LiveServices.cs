using GoldAnalytics.Data.Outbox;

namespace GoldAnalytics.Functions.Live;

/// <summary>Registers the outbox dispatcher, its dashboard and KPI subscribers, and the outbox admin view.</summary>
internal static class LiveServices
{
    /// <summary>Set <c>GA_OUTBOX_DISPATCH=false</c> on hosts that should serve requests but leave delivering events to others.</summary>
    public const string DispatchSetting = "GA_OUTBOX_DISPATCH";

    public static IServiceCollection AddLiveUpdates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<OutboxDeliveries>();
        services.AddSingleton<LiveKpiRecompute>();
        services.AddSingleton<IDomainEventSubscriber, DashboardPush>();
        services.AddSingleton<IDomainEventSubscriber, KpiRefresh>();
        services.AddSingleton(configuration.GetSection("GA_OUTBOX").Get<OutboxDispatcherOptions>() ?? new OutboxDispatcherOptions());
        services.AddSingleton<OutboxDispatcher>();
        if (!string.Equals(configuration[DispatchSetting], "false", StringComparison.OrdinalIgnoreCase))
        {
            services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        }

        return services;
    }
}
