using GoldAnalytics.Data.Imports;
using GoldAnalytics.Data.Outbox;
using GoldAnalytics.Data.Sales;
using GoldAnalytics.Functions.Live;
using GoldAnalytics.Functions.Sales;

namespace GoldAnalytics.Functions.Entry;

/// <summary>Registers data entry, imports and the outbox dispatcher with its subscribers.</summary>
internal static class DataEntryServices
{
    public static IServiceCollection AddDataEntry(this IServiceCollection services)
    {
        services.AddSingleton<InvoiceEntry>();
        services.AddSingleton<InvoiceQueries>();
        services.AddSingleton<ImportRunner>();
        services.AddSingleton<ImportHistory>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<IDomainEventSubscriber, DashboardPush>();
        services.AddSingleton(new OutboxDispatcherOptions());
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }
}
