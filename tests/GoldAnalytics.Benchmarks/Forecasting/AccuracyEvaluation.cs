using System.Collections.Concurrent;
using GoldAnalytics.Domain.Forecasting.Accuracy;
using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Benchmarks.Forecasting;

/// <summary>Error of one method on one series.</summary>
public sealed record SeriesScore(string Method, string Series, string Period, double Smape, double Mase);

/// <summary>Forecasts each series' test horizon from its train part and scores it.</summary>
public static class AccuracyEvaluation
{
    public static IReadOnlyList<SeriesScore> Score(IReadOnlyList<BenchmarkSeries> series, IForecastModel model, int parallelism)
    {
        var scores = new ConcurrentBag<SeriesScore>();
        Parallel.ForEach(series, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, s =>
        {
            var input = new SeriesInput(s.Train, s.Frequency);
            var outcome = model.Forecast(input, s.Test.Length, []);
            // A method that cannot fit a series is scored with the naive forecast, as a competition entry would be.
            var point = outcome.Forecast?.Point ?? [.. Enumerable.Repeat(s.Train[^1], s.Test.Length)];
            scores.Add(Scored(model.Name, s, point));
        });
        return [.. scores];
    }

    public static IReadOnlyList<SeriesScore> ScorePublished(IReadOnlyList<BenchmarkSeries> series, string method, Dictionary<string, double[]> forecasts) =>
        [.. series.Where(s => forecasts.ContainsKey(s.Id)).Select(s => Scored(method, s, forecasts[s.Id][..s.Test.Length]))];

    private static SeriesScore Scored(string method, BenchmarkSeries s, IReadOnlyList<double> point) =>
        new(method, s.Id, s.Period, ErrorMeasures.Smape(s.Test, point), ErrorMeasures.Mase(s.Train, s.Frequency, s.Test, point));
}
