using System.CommandLine;
using System.Diagnostics;
using GoldAnalytics.Domain.Forecasting.Selection;

namespace GoldAnalytics.Benchmarks.Forecasting;

/// <summary>goldanalytics-bench forecast-accuracy: scores the project's methods on a competition data set next to the published methods.</summary>
public static class ForecastAccuracyCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Series in long format (series,category,period,frequency,start_year,start_period,horizon,split,t,value)", DefaultValueFactory = _ => DataFile("m3.csv") };
        var published = new Option<string?>("--published") { Description = "Published forecasts (method,series,step,value); 'none' to skip", DefaultValueFactory = _ => DataFile("m3_published_forecasts.csv") };
        var methods = new Option<string[]>("--methods") { Description = "Project methods to score: " + string.Join(", ", ModelCatalogue.All.Keys), AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [.. ModelCatalogue.All.Keys] };
        var periods = new Option<string[]>("--period") { Description = "Only these periods (YEARLY, QUARTERLY, MONTHLY, OTHER)", AllowMultipleArgumentsPerToken = true };
        var limit = new Option<int?>("--limit") { Description = "Only every k-th series so that about this many are scored (quick look)" };
        var parallelism = new Option<int>("--parallelism") { DefaultValueFactory = _ => 2 };
        var margin = new Option<double?>("--combination-margin") { Description = "Auto keeps the combination unless a candidate's back-test MASE is lower by more than this fraction" };
        var command = new Command("forecast-accuracy", "sMAPE and MASE of the project's forecasting methods on a competition data set (M3 by default), next to published methods")
        {
            data, published, methods, periods, limit, parallelism, margin,
        };
        command.SetAction(parse => Run(
            parse.GetValue(data)!, parse.GetValue(published), parse.GetValue(methods)!, parse.GetValue(periods) ?? [],
            parse.GetValue(limit), parse.GetValue(parallelism), parse.GetValue(margin)));
        return command;
    }

    private static int Run(string dataPath, string? publishedPath, string[] methods, string[] periods, int? limit, int parallelism, double? margin)
    {
        if (!File.Exists(dataPath))
        {
            Console.Error.WriteLine($"No data file at {Path.GetFullPath(dataPath)}; pass --data PATH.");
            return 2;
        }
        var series = BenchmarkSeriesFile.Read(dataPath)
            .Where(s => periods.Length == 0 || periods.Contains(s.Period, StringComparer.OrdinalIgnoreCase))
            .ToList();
        if (limit is { } l && l < series.Count)
        {
            var stride = (double)series.Count / l;
            series = [.. Enumerable.Range(0, l).Select(i => series[(int)(i * stride)])];
        }
        var periodNames = series.Select(s => s.Period).Distinct().OrderBy(PeriodOrder).ToList();
        Console.WriteLine($"{series.Count} series from {dataPath}");

        var scores = new List<SeriesScore>();
        var models = BenchmarkModels.Create();
        foreach (var name in methods)
        {
            if (!models.TryGetValue(name, out var model))
            {
                Console.Error.WriteLine($"Unknown method '{name}'. Known: {string.Join(", ", ModelCatalogue.All.Keys)}");
                return 2;
            }
            if (margin is { } fraction && model is AutomaticForecaster)
            {
                model = new AutomaticForecaster(combinationMargin: fraction, candidates: (demand, period, festivals) =>
                    [.. Candidates.For(demand, period, festivals).Select(c => c == Candidates.Combination ? models["Combination"] : c)]);
            }
            var clock = Stopwatch.StartNew();
            var methodScores = AccuracyEvaluation.Score(series, model, parallelism);
            scores.AddRange(methodScores);
            Console.WriteLine($"{model.Name}: {clock.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine(AccuracyTable.Format(scores, periodNames, "sMAPE (%) so far", s => s.Smape));
        }
        if (publishedPath is not null && publishedPath != "none" && File.Exists(publishedPath))
        {
            foreach (var (method, forecasts) in PublishedForecastsFile.Read(publishedPath))
            {
                scores.AddRange(AccuracyEvaluation.ScorePublished(series, $"{method} (published)", forecasts));
            }
        }
        Console.WriteLine();
        Console.WriteLine(AccuracyTable.Format(scores, periodNames, "sMAPE (%)", s => s.Smape));
        Console.WriteLine(AccuracyTable.Format(scores, periodNames, "MASE", s => s.Mase));
        return 0;
    }

    /// <summary>The benchmark data sit in ../shared/data beside the repository; looked for from the current folder upwards.</summary>
    public static string DataFile(string name)
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "data", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return Path.Combine("..", "shared", "data", name);
    }

    private static int PeriodOrder(string period) => period switch
    {
        "YEARLY" => 0,
        "QUARTERLY" => 1,
        "MONTHLY" => 2,
        "OTHER" => 3,
        _ => 4,
    };
}
