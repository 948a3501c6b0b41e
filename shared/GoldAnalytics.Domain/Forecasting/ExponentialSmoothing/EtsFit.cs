using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Domain.Forecasting.ExponentialSmoothing;

/// <summary>An ETS model fitted to a series: parameters, final states, error variance and information criteria.</summary>
public sealed record EtsFit(EtsForm Form, EtsParameters Parameters, int Length, int SeasonalPeriod, EtsRecursion.Filtered End, double Sigma2, double Aicc, double[] Residuals)
{
    private const int SimulatedPaths = 1000;

    public static EtsFit Create(EtsForm form, EtsParameters parameters, double[] y, int m)
    {
        var n = y.Length;
        var residuals = new double[n];
        var end = EtsRecursion.Run(form, parameters, y, m, residuals);
        var k = form.ParameterCount(m) + 1;
        var minus2LogLikelihood = n * Math.Log(Math.Max(end.SumSquares / n, 1e-300)) + 2 * end.SumLogForecast + n * (1 + Math.Log(2 * Math.PI));
        var aicc = minus2LogLikelihood + 2 * k + (n - k - 1 > 0 ? 2.0 * k * (k + 1) / (n - k - 1) : double.PositiveInfinity);
        var sigma2 = end.SumSquares / Math.Max(n - k + 1, 1);
        return new EtsFit(form, parameters, n, m, end, sigma2, aicc, residuals);
    }

    public double[] PointForecast(int horizon) => EtsRecursion.Forecast(Form, Parameters, End, Length, SeasonalPeriod, horizon);

    public Forecast Forecast(int horizon, IReadOnlyList<double> levels, string? name = null)
    {
        var point = PointForecast(horizon);
        IReadOnlyList<PredictionInterval> intervals = levels.Count == 0 ? []
            : Form.IsLinear ? Intervals.Normal(point, LinearStandardDeviations(horizon), levels)
            : Intervals.Simulated(Simulate(horizon, SimulatedPaths), horizon, levels);
        return new Forecast(name ?? Form.Name, point, intervals);
    }

    // Class 1 models: Var(h) = σ²(1 + Σ_{j<h} c_j²), c_j = α + β·(φ + … + φ^j) + γ·[j mod m = 0] (Hyndman et al. 2008, ch. 6).
    private double[] LinearStandardDeviations(int horizon)
    {
        var p = Parameters;
        var phi = Form.Damped ? p.Phi : 1.0;
        var sd = new double[horizon];
        double sum = 0, damping = 0, power = 1;
        for (var h = 1; h <= horizon; h++)
        {
            sd[h - 1] = Math.Sqrt(Sigma2 * (1 + sum));
            power *= phi;
            damping += power;
            var c = p.Alpha + (Form.HasTrend ? p.Beta * damping : 0) + (Form.HasSeason && h % SeasonalPeriod == 0 ? p.Gamma : 0);
            sum += c * c;
        }
        return sd;
    }

    /// <summary>Future sample paths with normal errors (relative errors for multiplicative models), fixed seed.</summary>
    public double[][] Simulate(int horizon, int paths, int seed = 20260101)
    {
        var random = new Random(seed);
        var sigma = Math.Sqrt(Sigma2);
        var result = new double[paths][];
        for (var path = 0; path < paths; path++)
        {
            double level = End.Level, trend = End.Trend;
            var season = (double[])End.Seasonal.Clone();
            var values = new double[horizon];
            for (var h = 0; h < horizon; h++)
            {
                var index = Form.HasSeason ? (Length + h) % SeasonalPeriod : 0;
                var (q, s, forecast) = EtsRecursion.OneStep(Form, Parameters, level, trend, season, index);
                var error = sigma * StandardNormal(random);
                var y = Form.Error == Component.Multiplicative ? forecast * (1 + error) : forecast + error;
                values[h] = y;
                EtsRecursion.Update(Form, Parameters, ref level, ref trend, season, index, y, q, s);
            }
            result[path] = values;
        }
        return result;
    }

    internal static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
