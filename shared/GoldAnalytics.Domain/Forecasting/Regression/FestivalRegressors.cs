using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Domain.Forecasting.Regression;

/// <summary>
/// The festival dummies a regression can estimate on a history of <c>n</c> periods. A festival absent from the history
/// (or present in every period) has no effect to learn and is dropped. Festivals that fall in exactly the same periods
/// of the history (Dhanteras and Diwali two days apart, usually in one week) cannot be told apart: they become one
/// regressor, active in the horizon whenever either is.
/// </summary>
internal static class FestivalRegressors
{
    public static List<Festival> For(IReadOnlyList<Festival>? festivals, int n)
    {
        var usable = new List<Festival>();
        foreach (var festival in festivals ?? [])
        {
            var history = festival.Active.Take(n).ToArray();
            if (!history.Contains(true) || !history.Contains(false))
            {
                continue;
            }

            var twin = usable.FindIndex(u => u.Active.Take(n).SequenceEqual(history));
            if (twin < 0)
            {
                usable.Add(festival);
                continue;
            }

            var merged = usable[twin];
            var length = Math.Min(merged.Active.Count, festival.Active.Count);
            usable[twin] = new Festival($"{merged.Name} + {festival.Name}", [.. Enumerable.Range(0, length).Select(t => merged.Active[t] || festival.Active[t])]);
        }

        return usable;
    }
}
