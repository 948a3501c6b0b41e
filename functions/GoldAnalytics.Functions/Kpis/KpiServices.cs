using GoldAnalytics.Data.Insights;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Data.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace GoldAnalytics.Functions.Kpis;

/// <summary>The KPI engines, business questions and period reports as singletons: their caches live as long as the host.</summary>
internal static class KpiServices
{
    public static IServiceCollection AddKpis(this IServiceCollection services) => services
        .AddSingleton<KpiRollups>()
        .AddSingleton<KpiDataGate>()
        .AddSingleton<FinancialKpiEngine>()
        .AddSingleton<CustomerKpiEngine>()
        .AddSingleton<InventoryKpiEngine>()
        .AddSingleton<CustomerAnalytics>()
        .AddSingleton<BusinessQuestions>()
        .AddSingleton<PeriodReports>()
        .AddSingleton<PeriodReportQuery>();
}
