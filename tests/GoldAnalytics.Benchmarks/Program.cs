using System.CommandLine;

// Each capability adds its benchmark command here; every command prints the figures docs/benchmarks.md quotes.
var root = new RootCommand("GoldAnalytics benchmarks: each command measures one target and prints its figures.");
root.Subcommands.Add(GoldAnalytics.Benchmarks.Seeding.SeedLoadCommand.Create());
root.Subcommands.Add(GoldAnalytics.Benchmarks.Http.HttpBenchmarkCommand.Create());
root.Subcommands.Add(GoldAnalytics.Benchmarks.Http.HttpPipelineCommand.Create());
root.Subcommands.Add(GoldAnalytics.Benchmarks.Http.HttpHostCommand.Create());
root.Subcommands.Add(GoldAnalytics.Benchmarks.Durable.DurableBenchmark.Create());
root.Subcommands.Add(GoldAnalytics.Benchmarks.Forecasting.ForecastAccuracyCommand.Create());
root.Subcommands.Add(GoldAnalytics.Benchmarks.Forecasting.ForecastSpeedCommand.Create());
root.Subcommands.Add(GoldAnalytics.Benchmarks.Forecasting.ReconciliationCommand.Create());
root.Subcommands.Add(GoldAnalytics.Benchmarks.Forecasting.DemoHoldoutCommand.Create());
root.Subcommands.Add(GoldAnalytics.Benchmarks.Kpis.KpisBenchmark.Create());
root.Subcommands.Add(GoldAnalytics.Benchmarks.Kpis.FullRebuildBenchmark.Create());
root.Subcommands.Add(GoldAnalytics.Benchmarks.Imports.CsvImportCommand.Create());
root.Subcommands.Add(GoldAnalytics.Benchmarks.StockReplay.StockReplayCommand.Create());
root.Subcommands.Add(GoldAnalytics.Benchmarks.Live.LiveKpisCommand.Create());
root.Subcommands.Add(GoldAnalytics.Benchmarks.Dashboard.DashboardLoadCommand.Create());
root.Subcommands.Add(GoldAnalytics.Benchmarks.StockReplay.ReconciliationTimingCommand.Create());

return await root.Parse(args).InvokeAsync();
