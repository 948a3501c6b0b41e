using System.Globalization;
using System.Text;

namespace GoldAnalytics.Benchmarks.Forecasting;

/// <summary>Synthetic weekly SKU × branch sales: level, trend, a yearly season, festival peaks, noise; some slow movers are intermittent.</summary>
public static class WeeklySeries
{
    public const int Weeks = 156;
    public const int Period = 52;

    public static double[][] Generate(int count, int seed = 2026)
    {
        var random = new Random(seed);
        var series = new double[count][];
        for (var i = 0; i < count; i++)
        {
            var level = 2 + 60 * random.NextDouble() * random.NextDouble();
            var trend = (random.NextDouble() - 0.4) * level / 200;
            var amplitude = level * 0.3 * random.NextDouble();
            var phase = random.NextDouble() * 2 * Math.PI;
            var festivalWeek = 40 + random.Next(6);
            var festivalLift = level * random.NextDouble();
            var y = new double[Weeks];
            for (var t = 0; t < Weeks; t++)
            {
                var mean = level + trend * t + amplitude * Math.Sin(2 * Math.PI * t / Period + phase)
                    + (t % Period == festivalWeek ? festivalLift : 0);
                y[t] = Poisson(random, Math.Max(mean, 0.05));
            }
            series[i] = y;
        }
        return series;
    }

    public static void WriteCsv(string path, double[][] series)
    {
        var text = new StringBuilder("series,t,value\n");
        for (var i = 0; i < series.Length; i++)
        {
            for (var t = 0; t < series[i].Length; t++)
            {
                text.Append(CultureInfo.InvariantCulture, $"W{i + 1:D5},{t + 1},{series[i][t]}\n");
            }
        }
        File.WriteAllText(path, text.ToString());
    }

    // Knuth's method for small means, a rounded normal approximation for large ones.
    private static double Poisson(Random random, double mean)
    {
        if (mean > 30)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            return Math.Max(0, Math.Round(mean + Math.Sqrt(mean) * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2)));
        }
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = 1.0;
        do
        {
            k++;
            p *= random.NextDouble();
        }
        while (p > limit);
        return k - 1;
    }
}
