using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using GoldAnalytics.Domain.Forecasting.Selection;

namespace GoldAnalytics.Benchmarks.Forecasting;

/// <summary>goldanalytics-bench forecast-speed: full automatic selection with back-testing on synthetic weekly series.</summary>
public static class ForecastSpeedCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { DefaultValueFactory = _ => 5000 };
        var horizon = new Option<int>("--horizon") { Description = "Weeks to forecast", DefaultValueFactory = _ => 13 };
        var parallelism = new Option<int>("--parallelism") { DefaultValueFactory = _ => 2 };
        var model = new Option<string?>("--model") { Description = "Time one model of the catalogue instead of the automatic selection" };
        var csv = new Option<string?>("--write-csv") { Description = "Also write the series to this CSV (series,t,value) for the R comparison" };
        var command = new Command("forecast-speed", "Automatic model selection with rolling-origin back-testing on synthetic weekly series (3 years, season 52)")
        {
            count, horizon, parallelism, csv, model,
        };
        command.SetAction(parse => Run(parse.GetValue(count), parse.GetValue(horizon), parse.GetValue(parallelism), parse.GetValue(csv), parse.GetValue(model)));
        return command;
    }

    private static int Run(int count, int horizon, int parallelism, string? csv, string? modelName)
    {
        var series = WeeklySeries.Generate(count);
        if (csv is not null)
        {
            WeeklySeries.WriteCsv(csv, series);
            Console.WriteLine($"wrote {series.Length} series to {csv}");
        }
        var forecaster = new AutomaticForecaster();
        var chosen = new ConcurrentDictionary<string, int>();
        var mase = new ConcurrentBag<double>();
        var loadBefore = LoadAverage();
        var cpu = ProcessorTime.Now();
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(series, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, y =>
        {
            if (modelName is not null)
            {
                var outcome = ModelCatalogue.All[modelName].Forecast(new(y, WeeklySeries.Period), horizon, [80, 95]);
                chosen.AddOrUpdate(outcome.Fitted ? modelName : "cannot fit", 1, (_, n) => n + 1);
                return;
            }
            var result = forecaster.Forecast(new ForecastRequest(y, WeeklySeries.Period, horizon));
            chosen.AddOrUpdate(result.Model, 1, (_, n) => n + 1);
            if (result.Accuracy is { } accuracy && double.IsFinite(accuracy.Mase))
            {
                mase.Add(accuracy.Mase);
            }
        });
        clock.Stop();
        var used = ProcessorTime.Now() - cpu;
        Console.WriteLine($"{count} weekly series × {WeeklySeries.Weeks} weeks, season {WeeklySeries.Period}, horizon {horizon}, intervals 80/95, parallelism {parallelism}");
        Console.WriteLine($"elapsed {clock.Elapsed.TotalSeconds:F1} s ({count / clock.Elapsed.TotalSeconds:F0} series/s); processor count {Environment.ProcessorCount}");
        Console.WriteLine($"CPU time of the forecasting {used.Total.TotalSeconds:F1} s (user {used.User.TotalSeconds:F1} s + system {used.System.TotalSeconds:F1} s), "
            + $"{1000 * used.Total.TotalSeconds / count:F2} ms per series; whole process {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s");
        Console.WriteLine($"load average (1, 5, 15 min) before {loadBefore}, after {LoadAverage()}");
        if (!mase.IsEmpty)
        {
            Console.WriteLine($"mean back-test MASE of the chosen models: {mase.Average():F3}");
        }
        foreach (var (model, n) in chosen.OrderByDescending(c => c.Value))
        {
            Console.WriteLine($"  {model,-20} {n,6}");
        }
        return 0;
    }

    // The machine may be shared: the load average tells how far the elapsed time is from an idle machine's.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private sealed record ProcessorTime(TimeSpan User, TimeSpan System)
    {
        public TimeSpan Total => User + System;

        public static ProcessorTime Now()
        {
            using var process = Process.GetCurrentProcess();
            return new ProcessorTime(process.UserProcessorTime, process.PrivilegedProcessorTime);
        }

        public static ProcessorTime operator -(ProcessorTime a, ProcessorTime b) => new(a.User - b.User, a.System - b.System);
    }
}
