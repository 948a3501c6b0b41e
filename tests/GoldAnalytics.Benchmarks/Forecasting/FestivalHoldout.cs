using System.Collections.Concurrent;
using GoldAnalytics.Data.Forecasting;
using GoldAnalytics.Domain.Forecasting.Accuracy;
using GoldAnalytics.Domain.Forecasting.Intermittent;
using GoldAnalytics.Domain.Forecasting.Models;
using GoldAnalytics.Domain.Forecasting.Regression;
using GoldAnalytics.Domain.Forecasting.Selection;

namespace GoldAnalytics.Benchmarks.Forecasting;

/// <summary>
/// The regression (and optionally the automatic selection) with and without the festival weeks on every demo-shop
/// series with three full years and non-intermittent demand, forecasting 13 weeks from 4 origins over the last year,
/// so each festival of the year falls in the hold-out once. MASE is scaled by the in-sample seasonal naive error.
/// </summary>
public static class FestivalHoldout
{
    private const int Horizon = 13;
    private const int Origins = 4;
    private const int Period = 52;

    // Festivals that move with the lunar and lunisolar calendars; the wedding season is a fixed season the Fourier terms also see.
    private const string Season = "Wedding season";

    private sealed record SeriesScore(string Level, bool Investment, double With, double Without, double FestivalWith, double FestivalWithout);

    public static void Print(IReadOnlyList<StoredSeries> series, IReadOnlyList<RunFestival> festivals, int parallelism, bool auto)
    {
        var eligible = series.Where(s => s.History.Length >= 3 * Period && !DemandClass.Of(s.History).IsIntermittent).ToList();
        Console.WriteLine($"festival comparison: {eligible.Count} of {series.Count} series have 156 weeks and non-intermittent demand; 13 weeks from {Origins} origins over the last year");
        Score(eligible, festivals, parallelism, "Regression (trend, Fourier K by AICc, festivals by forward AICc)", new RegressionModel());
        foreach (var penalty in new[] { 3.0, 8.0 })
        {
            Score(eligible, festivals, parallelism, $"Regression, a festival enters only when it saves {penalty} more AICc", new RegressionModel(festivalPenalty: penalty));
        }

        var moving = festivals.Where(f => f.Name != Season).ToList();
        Score(eligible, moving, parallelism, "Regression without the wedding season dummy (moving festivals only)", new RegressionModel());
        if (auto)
        {
            Score(eligible, festivals, parallelism, "Automatic selection", new AutomaticForecaster());
        }
    }

    private static void Score(IReadOnlyList<StoredSeries> series, IReadOnlyList<RunFestival> festivals, int parallelism, string name, IForecastModel model)
    {
        var scores = new ConcurrentBag<SeriesScore>();
        Parallel.ForEach(series, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, s =>
        {
            var n = s.History.Length;
            var regressors = RunFestivals.Regressors(festivals, s.Start, n + Horizon);
            var moving = Enumerable.Range(0, n).Select(t => regressors.Any(f => f.Name != Season && f.Active[t])).ToArray();
            double with = 0, without = 0, festivalWith = 0, festivalWithout = 0;
            var festivalOrigins = 0;
            for (var origin = Origins; origin >= 1; origin--)
            {
                var cut = n - origin * Horizon;
                var train = s.History[..cut];
                var actual = s.History[cut..(cut + Horizon)];
                var a = model.Forecast(new SeriesInput(train, Period, regressors), Horizon, []).Forecast?.Point;
                var b = model.Forecast(new SeriesInput(train, Period), Horizon, []).Forecast?.Point;
                if (a is null || b is null)
                {
                    return;
                }

                with += ErrorMeasures.Mase(train, Period, actual, a) / Origins;
                without += ErrorMeasures.Mase(train, Period, actual, b) / Origins;
                var weeks = Enumerable.Range(0, Horizon).Where(h => moving[cut + h]).ToArray();
                if (weeks.Length > 0)
                {
                    festivalWith += ErrorMeasures.Mase(train, Period, [.. weeks.Select(h => actual[h])], [.. weeks.Select(h => a[h])]);
                    festivalWithout += ErrorMeasures.Mase(train, Period, [.. weeks.Select(h => actual[h])], [.. weeks.Select(h => b[h])]);
                    festivalOrigins++;
                }
            }

            var investment = s.Category is "coin" or "bar";
            scores.Add(new SeriesScore(s.Level, investment, with, without, festivalWith / Math.Max(festivalOrigins, 1), festivalWithout / Math.Max(festivalOrigins, 1)));
        });

        Console.WriteLine($"{name}: mean MASE without → with festival weeks (all hold-out weeks | only the weeks of a moving festival)");
        Console.WriteLine("| level | series | without festivals | with festivals | change | festival weeks without | festival weeks with | series better with |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        var groups = scores.GroupBy(x => x.Level).OrderBy(g => Array.IndexOf(["shop", "category", "sku", "sku_branch"], g.Key))
            .Select(g => (Label: g.Key, Rows: g.ToList()))
            .Append(("coin and bar (any level)", [.. scores.Where(x => x.Investment)]))
            .Append(("all", [.. scores]));
        foreach (var (label, rows) in groups)
        {
            var finite = rows.Where(r => double.IsFinite(r.With) && double.IsFinite(r.Without) && double.IsFinite(r.FestivalWith) && double.IsFinite(r.FestivalWithout)).ToList();
            if (finite.Count == 0)
            {
                continue;
            }

            var (without, with) = (finite.Average(r => r.Without), finite.Average(r => r.With));
            Console.WriteLine($"| {label} | {finite.Count} | {DemoHoldoutCommand.Format(without)} | {DemoHoldoutCommand.Format(with)} | {100 * (with - without) / without:+0.0;-0.0} % | "
                + $"{DemoHoldoutCommand.Format(finite.Average(r => r.FestivalWithout))} | {DemoHoldoutCommand.Format(finite.Average(r => r.FestivalWith))} | {finite.Count(r => r.With < r.Without)} |");
        }
    }
}
