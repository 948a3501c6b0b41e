using GoldAnalytics.Domain.Stock.Policy;

namespace GoldAnalytics.Domain.Stock.Simulation;

/// <summary>What a policy achieved on a replayed demand history.</summary>
public sealed record SimulationResult(double FillRate, double CycleServiceLevel, double AverageOnHand, int Orders, double TotalDemand, double UnitsShort);

/// <summary>
/// Replays a demand history through a continuous-review (s, Q) policy with backorders and stochastic lead times.
/// Each period's demand arrives as single units spread evenly through the period, so the position is checked at every
/// sale (no undershoot of the reorder point); lead times are drawn from a normal distribution truncated at a tenth of a
/// period. Cycle service level is the share of replenishment cycles (from one delivery to the next) in which no
/// demand found the shelf empty.
/// </summary>
public static class PolicySimulation
{
    /// <summary>
    /// Replays <paramref name="demand"/> from <paramref name="initialOnHand"/> units on the shelf and
    /// <paramref name="initialOnOrder"/> units ordered at the start (arriving after a drawn lead time).
    /// </summary>
    public static SimulationResult Run(IReadOnlyList<double> demand, ReorderPolicy policy, LeadTime leadTime, double initialOnHand, int seed = 7, double initialOnOrder = 0)
    {
        var random = new Random(seed);
        var net = initialOnHand;
        var pipeline = new List<(double Arrival, double Quantity)>();
        var orders = 0;
        if (initialOnOrder > 0)
        {
            pipeline.Add((LeadTimeDraw(leadTime, random), initialOnOrder));
            orders++;
        }
        var cycles = new Cycles();
        double served = 0, total = 0, onHandArea = 0;
        for (var period = 0; period < demand.Count; period++)
        {
            var units = (int)Math.Round(Math.Max(0, demand[period]));
            var previousTime = (double)period;
            for (var u = 0; u < units; u++)
            {
                var time = period + (u + 0.5) / units;
                onHandArea += Math.Max(net, 0) * (time - previousTime);
                previousTime = time;
                net += Receive(pipeline, time, cycles);
                total++;
                if (net >= 1)
                {
                    served++;
                }
                else
                {
                    cycles.StockoutInCurrent = true;
                }
                net--;
                var position = net + pipeline.Sum(p => p.Quantity);
                if (position <= policy.ReorderPoint)
                {
                    var quantity = Math.Max(1, Math.Ceiling((policy.ReorderPoint - position + 1e-9) / policy.OrderQuantity)) * policy.OrderQuantity;
                    pipeline.Add((time + LeadTimeDraw(leadTime, random), quantity));
                    orders++;
                }
            }
            onHandArea += Math.Max(net, 0) * (period + 1 - previousTime);
            net += Receive(pipeline, period + 1, cycles);
        }
        return new SimulationResult(
            total == 0 ? 1 : served / total,
            cycles.Completed == 0 ? 1 : (double)cycles.WithoutStockout / cycles.Completed,
            demand.Count == 0 ? initialOnHand : onHandArea / demand.Count,
            orders,
            total,
            total - served);
    }

    private sealed class Cycles
    {
        public bool StockoutInCurrent { get; set; }

        public int Completed { get; private set; }

        public int WithoutStockout { get; private set; }

        // The cycle before the first delivery depends on the opening stock, not on the policy: it is not counted.
        private bool _started;

        public void Delivered()
        {
            if (_started)
            {
                Completed++;
                WithoutStockout += StockoutInCurrent ? 0 : 1;
            }
            _started = true;
            StockoutInCurrent = false;
        }
    }

    private static double Receive(List<(double Arrival, double Quantity)> pipeline, double time, Cycles cycles)
    {
        var received = 0.0;
        for (var i = pipeline.Count - 1; i >= 0; i--)
        {
            if (pipeline[i].Arrival <= time)
            {
                received += pipeline[i].Quantity;
                pipeline.RemoveAt(i);
                cycles.Delivered();
            }
        }
        return received;
    }

    private static double LeadTimeDraw(LeadTime leadTime, Random random) =>
        Math.Max(0.1, leadTime.MeanPeriods + leadTime.StandardDeviationPeriods * StandardNormal(random));

    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
