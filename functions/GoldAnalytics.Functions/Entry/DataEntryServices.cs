using GoldAnalytics.Data.Imports;
using GoldAnalytics.Data.Outbox;
using GoldAnalytics.Data.Sales;
using GoldAnalytics.Functions.Live;
using GoldAnalytics.Functions.Sales;

namespace GoldAnalytics.Functions.Entry;

/// <summary>Registers data entry, imports and the outbox dispatcher with its subscribers.</summary>
internal static class DataEntryServices
{
    /// <summary>Set <c>GA_OUTBOX_DISPATCH=false</c> on hosts that should serve requests but leave delivering events to others.</summary>
    public const string DispatchSetting = "GA_OUTBOX_DISPATCH";

    public static IServiceCollection AddDataEntry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<InvoiceEntry>();
        services.AddSingleton<InvoiceQueries>();
        services.AddSingleton<GoldAnalytics.Data.Customers.CustomerQueries>();
        services.AddSingleton<GoldAnalytics.Data.Catalogue.ProductQueries>();
        services.AddSingleton<ImportRunner>();
        services.AddSingleton<ImportHistory>();
        services.AddSingleton<StagedImport>();
        services.AddSingleton(Imports.ImportJobOptions.From(configuration));
        services.AddSingleton<Imports.ImportFiles>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<IDomainEventSubscriber, DashboardPush>();
        services.AddSingleton(new OutboxDispatcherOptions());
        services.AddSingleton<OutboxDispatcher>();
        if (!string.Equals(configuration[DispatchSetting], "false", StringComparison.OrdinalIgnoreCase))
        {
            services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        }

        return services;
    }
}
