using GoldAnalytics.Domain.Stock.Policy;

namespace GoldAnalytics.Domain.Stock.Simulation;

/// <summary>A policy in force from a period of a replay on, with the lead time it was sized for.</summary>
public sealed record ScheduledPolicy(int FromPeriod, ReorderPolicy Policy, LeadTime LeadTime);

/// <summary>What a policy achieved on a replayed demand history.</summary>
public sealed record SimulationResult(double FillRate, double CycleServiceLevel, double AverageOnHand, double Orders, double TotalDemand, double UnitsShort);

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
    public static SimulationResult Run(IReadOnlyList<double> demand, ReorderPolicy policy, LeadTime leadTime, double initialOnHand, int seed = 7, double initialOnOrder = 0) =>
        Run(demand, [new ScheduledPolicy(0, policy, leadTime)], initialOnHand, seed, initialOnOrder);

    /// <summary>
    /// Replays <paramref name="demand"/> through policies that take over at given periods, as a shop re-sizing its
    /// policy from time to time runs it: the stock carries over, and a new policy whose reorder point is at or above the
    /// position orders at once. Orders draw their lead time from the policy in force when they go out.
    /// </summary>
    public static SimulationResult Run(IReadOnlyList<double> demand, IReadOnlyList<ScheduledPolicy> schedule, double initialOnHand, int seed = 7, double initialOnOrder = 0)
    {
        ArgumentOutOfRangeException.ThrowIfZero(schedule.Count);
        if (schedule[0].FromPeriod != 0 || schedule.Zip(schedule.Skip(1)).Any(p => p.Second.FromPeriod <= p.First.FromPeriod))
        {
            throw new ArgumentException("The first policy starts the replay and each later one starts after the one before.", nameof(schedule));
        }

        var random = new Random(seed);
        var (policy, leadTime) = (schedule[0].Policy, schedule[0].LeadTime);
        var next = 1;
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
            if (next < schedule.Count && schedule[next].FromPeriod == period)
            {
                (policy, leadTime) = (schedule[next].Policy, schedule[next].LeadTime);
                next++;
                orders += OrderIfDue(pipeline, net, policy, leadTime, period, random);
            }
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
                orders += OrderIfDue(pipeline, net, policy, leadTime, time, random);
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

    // At or below the reorder point, whole multiples of Q lift the position above it (an (s, nQ) policy).
    private static int OrderIfDue(List<(double Arrival, double Quantity)> pipeline, double net, ReorderPolicy policy, LeadTime leadTime, double time, Random random)
    {
        var position = net + pipeline.Sum(p => p.Quantity);
        if (position > policy.ReorderPoint)
        {
            return 0;
        }
        var quantity = Math.Max(1, Math.Ceiling((policy.ReorderPoint - position + 1e-9) / policy.OrderQuantity)) * policy.OrderQuantity;
        pipeline.Add((time + LeadTimeDraw(leadTime, random), quantity));
        return 1;
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
