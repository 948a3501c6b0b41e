using GoldAnalytics.Domain.Forecasting.Accuracy;
using GoldAnalytics.Domain.Forecasting.Combination;
using GoldAnalytics.Domain.Forecasting.Models;
using GoldAnalytics.Domain.Forecasting.Selection;

namespace GoldAnalytics.Domain.Tests.Forecasting.M3;

/// <summary>
/// Guards accuracy against silent regressions: mean sMAPE on a fixed 200-series subset of M3 must stay within a
/// margin of the figures last measured (update them, with the measuring command, when a change improves them).
/// </summary>
public class M3AccuracyTests
{
    private const double Margin = 0.2;

    // Measured by this test on the subset below (every 15th M3 series, 200 in all, the competition's horizons):
    // dotnet test tests/GoldAnalytics.Domain.Tests --filter FullyQualifiedName~M3Accuracy
    private static readonly Dictionary<string, double> LastMeasured = new()
    {
        ["Theta"] = 12.540,
        ["ETS"] = 11.748,
        ["ARIMA"] = 14.591,
        ["Combination"] = 12.155,
    };

    [Fact]
    public void Project_models_keep_their_measured_accuracy_on_a_fixed_M3_subset()
    {
        var series = M3Subset.Load(200);
        var members = new[] { Candidates.Ets, Candidates.Arima, Candidates.Theta };
        var smape = new double[series.Count, members.Length + 1];
        Parallel.For(0, series.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var s = series[i];
            var input = new SeriesInput(s.Train, s.Frequency);
            var outcomes = members.Select(m => m.Forecast(input, s.Test.Length, [])).ToList();
            for (var j = 0; j < members.Length; j++)
            {
                smape[i, j] = ErrorMeasures.Smape(s.Test, outcomes[j].Forecast!.Point);
            }
            var combined = ((CombinationModel)Candidates.Combination).Combine(outcomes, s.Test.Length, []).Forecast!;
            smape[i, members.Length] = ErrorMeasures.Smape(s.Test, combined.Point);
        });
        var names = new[] { "ETS", "ARIMA", "Theta", "Combination" };
        var measured = names.Select((name, j) => (name, Enumerable.Range(0, series.Count).Average(i => smape[i, j]))).ToList();
        var report = string.Join(", ", measured.Select(m => $"{m.name} {m.Item2:F3}"));
        foreach (var (name, value) in measured)
        {
            value.Should().BeLessThanOrEqualTo(LastMeasured[name] + Margin, $"{name} sMAPE regressed (measured now: {report})");
        }
    }
}
