using GoldAnalytics.Data.Insights;
using GoldAnalytics.Functions.Kpis;
using GoldAnalytics.Runtime.Http;

namespace GoldAnalytics.Functions.Insights;

/// <summary>The page and pageSize query parameters, checked.</summary>
internal static class Paging
{
    public static PageRequest Of(int page, int pageSize)
    {
        if (page < 1)
        {
            throw KpiQuery.Invalid("page", ProblemCodes.OutOfRange, "page starts at 1.");
        }

        return pageSize is < 1 or > 500
            ? throw KpiQuery.Invalid("pageSize", ProblemCodes.OutOfRange, "pageSize is between 1 and 500.")
            : new PageRequest(page, pageSize);
    }
}
