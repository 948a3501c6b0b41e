using Dapper;
using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Data.Kpis.Customers;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;
using Npgsql;

namespace GoldAnalytics.Data.Insights;

/// <summary>A customer's value in the range, ranked by gross profit.</summary>
public sealed record ValuableCustomer(int Rank, long CustomerId, string Name, decimal NetRevenue, decimal GrossProfit, long Invoices, DateOnly LastPurchase);

/// <summary>A share of the top decile's (and of all customers') net revenue.</summary>
public sealed record ProfileShare(string Key, decimal TopDecileShare, decimal AllCustomersShare);

/// <summary>What the top tenth of customers by gross profit look like, next to everyone.</summary>
public sealed record IdealCustomerProfile(
    long Customers, long TopDecileCustomers, decimal TopDecileProfitShare,
    decimal? TopDecileTicketSize, decimal? AllTicketSize, decimal? TopDecileFrequency, decimal? AllFrequency,
    IReadOnlyList<ProfileShare> Categories, IReadOnlyList<ProfileShare> Karats, IReadOnlyList<ProfileShare> Branches);

/// <summary>Most valuable customers and the ideal-customer profile of the top decile.</summary>
public static class ValuableCustomers
{
    /// <summary>Customers ranked by gross profit, from the customer ledger's sums over the range.</summary>
    public static async Task<PagedList<ValuableCustomer>> RankAsync(
        NpgsqlConnection connection, IReadOnlyList<CustomerSums> sums, PageRequest page, CancellationToken cancellationToken)
    {
        var shown = sums.OrderByDescending(s => s.GrossProfit).ThenBy(s => s.CustomerId).Skip(page.Offset).Take(page.Size).ToList();
        var names = (await connection.QueryAsync<(long Id, string Name)>(new CommandDefinition(
            "SELECT id, name FROM customers WHERE id = ANY(@ids)", new { ids = shown.Select(s => s.CustomerId).ToArray() },
            cancellationToken: cancellationToken))).ToDictionary(c => c.Id, c => c.Name);
        return new PagedList<ValuableCustomer>(
            [.. shown.Select((s, i) => new ValuableCustomer(page.Offset + i + 1, s.CustomerId, names.GetValueOrDefault(s.CustomerId, ""), s.NetRevenue, s.GrossProfit, s.Invoices, s.LastDay))],
            page.Page, page.Size, sums.Count);
    }

    /// <summary>
    /// The ideal-customer profile from the customer ledger (deciles, ticket size, frequency, branches)
    /// and the customer mix (categories and karats of their own lines), both held in memory.
    /// </summary>
    public static async Task<IdealCustomerProfile> ProfileAsync(
        NpgsqlConnection connection, CustomerKpiEngine customers, int? branchId, DateRange range, CancellationToken cancellationToken)
    {
        var branchNames = (await connection.QueryAsync<(int Id, string Name)>(new CommandDefinition(
            "SELECT id, name FROM branches", cancellationToken: cancellationToken))).ToDictionary(b => b.Id, b => b.Name);
        return await customers.ReadWithMixAsync(_ => IdealCustomers.Profile(customers.Ledger, customers.Mix, branchNames, branchId, range), cancellationToken);
    }
}
