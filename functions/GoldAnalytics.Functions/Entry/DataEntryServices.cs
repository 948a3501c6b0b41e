using GoldAnalytics.Data.Imports;
using GoldAnalytics.Data.Sales;
using GoldAnalytics.Functions.Live;
using GoldAnalytics.Functions.Sales;
using GoldAnalytics.Functions.Webhooks;

namespace GoldAnalytics.Functions.Entry;

/// <summary>Registers data entry, imports, and the live updates and webhooks their events feed.</summary>
internal static class DataEntryServices
{
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
        return services.AddLiveUpdates(configuration).AddWebhooks(configuration);
    }
}
