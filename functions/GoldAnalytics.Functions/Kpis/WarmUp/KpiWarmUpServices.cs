namespace GoldAnalytics.Functions.Kpis.WarmUp;

/// <summary>Registers the warm-up service and the readiness it reports.</summary>
internal static class KpiWarmUpServices
{
    /// <summary>Call after the functions runtime: hosted services start in order, so the migrations are applied first.</summary>
    public static IServiceCollection AddKpiWarmUp(this IServiceCollection services, IConfiguration configuration) => services
        .AddSingleton(KpiWarmUpOptions.From(configuration))
        .AddSingleton<KpiReadiness>()
        .AddSingleton<KpiWarmUp>()
        .AddHostedService(sp => sp.GetRequiredService<KpiWarmUp>());
}
