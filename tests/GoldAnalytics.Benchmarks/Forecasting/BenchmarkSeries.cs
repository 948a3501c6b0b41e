using System.Globalization;
using CsvHelper;

namespace GoldAnalytics.Benchmarks.Forecasting;

/// <summary>One competition series: the part a method may see and the horizon it must forecast.</summary>
public sealed record BenchmarkSeries(string Id, string Period, int Frequency, double[] Train, double[] Test);

/// <summary>Reads the long format of ../shared/data/m3.csv (series,category,period,frequency,...,split,t,value).</summary>
public static class BenchmarkSeriesFile
{
    private static readonly string[] SeriesColumns = ["series", "period", "frequency", "split", "t", "value"];

    public static IReadOnlyList<BenchmarkSeries> Read(string path)
    {
        var rows = new Dictionary<string, (string Period, int Frequency, List<(int T, double V)> Train, List<(int T, double V)> Test)>();
        var order = new List<string>();
        using var csv = CsvReader.FromFile(path);
        var columns = Array.Empty<int>();
        while (csv.Read())
        {
            if (columns.Length == 0)
            {
                columns = [.. SeriesColumns.Select(name => csv.GetFieldIndex(name))];
            }
            var id = csv.GetString(columns[0]);
            if (!rows.TryGetValue(id, out var series))
            {
                series = (csv.GetString(columns[1]), Number<int>(csv, columns[2]), [], []);
                rows[id] = series;
                order.Add(id);
            }
            var point = (Number<int>(csv, columns[4]), Number<double>(csv, columns[5]));
            (csv.GetString(columns[3]) == "test" ? series.Test : series.Train).Add(point);
        }
        return [.. order.Select(id =>
        {
            var s = rows[id];
            return new BenchmarkSeries(id, s.Period, s.Frequency,
                [.. s.Train.OrderBy(p => p.T).Select(p => p.V)],
                [.. s.Test.OrderBy(p => p.T).Select(p => p.V)]);
        })];
    }

    internal static T Number<T>(CsvReader csv, int column) where T : IParsable<T> =>
        T.Parse(csv.GetString(column), CultureInfo.InvariantCulture);
}

/// <summary>Reads forecasts submitted to a competition: method,series,step,value.</summary>
public static class PublishedForecastsFile
{
    private static readonly string[] ForecastColumns = ["method", "series", "step", "value"];

    /// <summary>Forecasts by method, then by series, ordered by step.</summary>
    public static IReadOnlyDictionary<string, Dictionary<string, double[]>> Read(string path)
    {
        var steps = new Dictionary<string, Dictionary<string, SortedList<int, double>>>();
        using var csv = CsvReader.FromFile(path);
        var columns = Array.Empty<int>();
        while (csv.Read())
        {
            if (columns.Length == 0)
            {
                columns = [.. ForecastColumns.Select(name => csv.GetFieldIndex(name))];
            }
            var method = csv.GetString(columns[0]);
            var series = csv.GetString(columns[1]);
            if (!steps.TryGetValue(method, out var bySeries))
            {
                steps[method] = bySeries = [];
            }
            if (!bySeries.TryGetValue(series, out var values))
            {
                bySeries[series] = values = [];
            }
            values[BenchmarkSeriesFile.Number<int>(csv, columns[2])] = BenchmarkSeriesFile.Number<double>(csv, columns[3]);
        }
        return steps.ToDictionary(m => m.Key, m => m.Value.ToDictionary(s => s.Key, s => s.Value.Values.ToArray()));
    }
}
