using System.Globalization;
using System.Text;

namespace GoldAnalytics.Benchmarks.Forecasting;

/// <summary>Prints mean sMAPE and MASE per method, overall and per period.</summary>
public static class AccuracyTable
{
    public static string Format(IEnumerable<SeriesScore> scores, IReadOnlyList<string> periods, string measure, Func<SeriesScore, double> value)
    {
        var byMethod = scores.GroupBy(s => s.Method).Select(g => (Method: g.Key, Scores: g.ToList())).ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{measure} (mean over series; series counts in brackets)");
        text.Append(CultureInfo.InvariantCulture, $"| {"method",-26} | {"all",-14} |");
        foreach (var period in periods)
        {
            text.Append(CultureInfo.InvariantCulture, $" {period.ToLowerInvariant(),-14} |");
        }
        text.AppendLine();
        text.AppendLine("|" + string.Concat(Enumerable.Repeat("---|", periods.Count + 2)));
        foreach (var (method, list) in byMethod.OrderBy(m => Mean(m.Scores, value)))
        {
            text.Append(CultureInfo.InvariantCulture, $"| {method,-26} | {Cell(list, value),-14} |");
            foreach (var period in periods)
            {
                text.Append(CultureInfo.InvariantCulture, $" {Cell([.. list.Where(s => s.Period == period)], value),-14} |");
            }
            text.AppendLine();
        }
        return text.ToString();
    }

    private static string Cell(List<SeriesScore> scores, Func<SeriesScore, double> value) =>
        scores.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{Mean(scores, value):F2} ({scores.Count})");

    // Infinite MASE (a series whose in-sample seasonal naive error is zero) is left out of the mean.
    private static double Mean(List<SeriesScore> scores, Func<SeriesScore, double> value)
    {
        var finite = scores.Select(value).Where(double.IsFinite).ToList();
        return finite.Count == 0 ? double.NaN : finite.Average();
    }
}
