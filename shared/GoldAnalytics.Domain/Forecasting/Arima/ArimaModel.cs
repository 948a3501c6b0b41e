using GoldAnalytics.Domain.Forecasting.Decomposition;
using GoldAnalytics.Domain.Forecasting.Models;

namespace GoldAnalytics.Domain.Forecasting.Arima;

/// <summary>
/// Automatic SARIMA in the manner of Hyndman and Khandakar (2008): seasonal differences from the seasonal strength,
/// first differences from repeated KPSS tests, then a stepwise search over (p,q)(P,Q) and the constant by AICc.
/// </summary>
public sealed class ArimaModel(ArimaOrder? order = null) : IForecastModel, ISpecifiable
{
    /// <summary>Seasonal ARIMA is not searched beyond this period; longer seasons go through STL or Fourier terms.</summary>
    public const int MaxSeasonalPeriod = 24;

    private const int MaxP = 5, MaxQ = 5, MaxSeasonalP = 2, MaxSeasonalQ = 2, MaxOrder = 5, MaxModels = 94;

    // The fit made while specifying: forecasting the same series reuses it. A shorter history (a back-test origin) is
    // estimated afresh: started from these coefficients, the back-test chose differently and the automatic selection
    // scored 0.01 sMAPE points worse on M3.
    private readonly FittedSeries<ArimaFit>? _specified;

    private ArimaModel(ArimaFit fit, double[] values)
        : this(fit.Order)
    {
        _specified = new FittedSeries<ArimaFit>(values, fit);
    }

    public string Name => order?.Name ?? "ARIMA";

    public ModelOutcome Forecast(SeriesInput series, int horizon, IReadOnlyList<double> levels)
    {
        if (series.Length < 6)
        {
            return ModelOutcome.CannotFit(Name, "too short: needs at least 6 observations");
        }
        if (series.IsConstant())
        {
            return ModelOutcome.CannotFit(Name, series.IsAllZeros() ? "all zeros" : "constant series");
        }
        var y = series.ToArray();
        var fit = order is null ? Select(y, series.SeasonalPeriod) : _specified?.For(y) ?? FitOrder(y, order);
        return fit is null
            ? ModelOutcome.CannotFit(Name, "no ARIMA order could be estimated")
            : ModelOutcome.Of(fit.Forecast(y, horizon, levels, fit.Order.Name));
    }

    public IForecastModel? Specify(SeriesInput series)
    {
        if (order is not null)
        {
            return this;
        }
        var y = series.ToArray();
        return series.Length >= 6 && !series.IsConstant() && Select(y, series.SeasonalPeriod) is { } fit ? new ArimaModel(fit, y) : null;
    }

    private static ArimaFit? FitOrder(double[] y, ArimaOrder fixedOrder)
    {
        var w = y;
        for (var i = 0; i < fixedOrder.SeasonalD; i++)
        {
            w = Differencing.Difference(w, fixedOrder.Period);
        }
        for (var i = 0; i < fixedOrder.D; i++)
        {
            w = Differencing.Difference(w, 1);
        }
        return w.Length < 3 ? null : ArimaEstimator.Fit(fixedOrder, w);
    }

    /// <summary>The order with the lowest AICc found by the stepwise search.</summary>
    public static ArimaFit? Select(double[] y, int period)
    {
        var m = period > 1 && period <= MaxSeasonalPeriod && y.Length >= 2 * period + 3 ? period : 1;
        var seasonalD = m > 1 && SeasonalStrength.Of(y, m) > 0.64 ? 1 : 0;
        var x = seasonalD == 1 ? Differencing.Difference(y, m) : y;
        var d = KpssTest.Differences(x);
        var w = x;
        for (var i = 0; i < d; i++)
        {
            w = Differencing.Difference(w, 1);
        }
        if (w.Length < 3 || w.All(v => Math.Abs(v - w[0]) < 1e-12))
        {
            // Differenced to a constant: a random walk (with drift) or seasonal random walk is the model.
            var order = new ArimaOrder(0, d, 0, 0, seasonalD, 0, m, d + seasonalD == 1);
            return ArimaEstimator.Fit(order, w) ?? new ArimaFit(order, [], [], [], [], w.Length > 0 ? w[0] : 0, 1e-12, 0, new double[w.Length]);
        }
        var constant = d + seasonalD <= 1;
        var search = new StepwiseSearch(w, m, d, seasonalD);
        var seasonal = m > 1;
        search.Try(2, 2, seasonal ? 1 : 0, seasonal ? 1 : 0, constant);
        search.Try(0, 0, 0, 0, constant);
        search.Try(1, 0, seasonal ? 1 : 0, 0, constant);
        search.Try(0, 1, 0, seasonal ? 1 : 0, constant);
        if (constant)
        {
            search.Try(0, 0, 0, 0, false);
        }
        search.Run(constant);
        return search.Best;
    }

    private sealed class StepwiseSearch(double[] w, int m, int d, int seasonalD)
    {
        private readonly Dictionary<ArimaOrder, ArimaFit?> _fits = [];

        public ArimaFit? Best { get; private set; }

        public bool Try(int p, int q, int sp, int sq, bool constant)
        {
            if (p < 0 || q < 0 || sp < 0 || sq < 0 || p > MaxP || q > MaxQ || sp > MaxSeasonalP || sq > MaxSeasonalQ
                || p + q + sp + sq > MaxOrder || (m == 1 && sp + sq > 0) || _fits.Count >= MaxModels)
            {
                return false;
            }
            var order = new ArimaOrder(p, d, q, sp, seasonalD, sq, m, constant);
            if (_fits.ContainsKey(order))
            {
                return false;
            }
            var fit = ArimaEstimator.Fit(order, w);
            _fits[order] = fit;
            if (fit is not null && (Best is null || fit.Aicc < Best.Aicc - 1e-9))
            {
                Best = fit;
                return true;
            }
            return false;
        }

        public void Run(bool constantAllowed)
        {
            var improved = true;
            while (improved && Best is not null && _fits.Count < MaxModels)
            {
                improved = false;
                var o = Best.Order;
                var c = o.Constant;
                (int P, int Q, int SP, int SQ)[] moves =
                [
                    (0, 0, -1, 0), (0, 0, 1, 0), (0, 0, 0, -1), (0, 0, 0, 1), (0, 0, 1, 1), (0, 0, -1, -1),
                    (-1, 0, 0, 0), (1, 0, 0, 0), (0, -1, 0, 0), (0, 1, 0, 0), (1, 1, 0, 0), (-1, -1, 0, 0),
                    (-1, 1, 0, 0), (1, -1, 0, 0),
                ];
                foreach (var move in moves)
                {
                    if (Try(o.P + move.P, o.Q + move.Q, o.SeasonalP + move.SP, o.SeasonalQ + move.SQ, c))
                    {
                        improved = true;
                        break;
                    }
                }
                if (!improved && constantAllowed)
                {
                    improved = Try(o.P, o.Q, o.SeasonalP, o.SeasonalQ, !c);
                }
            }
        }
    }
}
