namespace GoldAnalytics.Domain.Tests.Forecasting;

/// <summary>Deterministic synthetic series for model tests.</summary>
internal static class SyntheticSeries
{
    public static double[] Noise(int n, double sd, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => sd * Normal(random))];
    }

    public static double[] Seasonal(int n, int m, double level, double slope, double amplitude, double noise, int seed)
    {
        var e = Noise(n, noise, seed);
        return [.. Enumerable.Range(0, n).Select(t => level + slope * t + amplitude * Math.Sin(2 * Math.PI * t / m) + e[t])];
    }

    public static double[] Ar1(int n, double phi, double mean, double sd, int seed)
    {
        var e = Noise(n + 100, sd, seed);
        var y = new double[n + 100];
        for (var t = 1; t < y.Length; t++)
        {
            y[t] = phi * y[t - 1] + e[t];
        }
        return [.. y.Skip(100).Select(v => v + mean)];
    }

    public static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
