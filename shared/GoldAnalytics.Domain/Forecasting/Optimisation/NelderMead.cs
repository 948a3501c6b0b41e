namespace GoldAnalytics.Domain.Forecasting.Optimisation;

/// <summary>Derivative-free minimisation (Nelder–Mead simplex); objectives signal infeasible points with +∞.</summary>
public static class NelderMead
{

    /// <summary>Minimises <paramref name="objective"/> from <paramref name="start"/> with initial steps <paramref name="steps"/>.</summary>
    public static (double[] Point, double Value) Minimise(Func<double[], double> objective, double[] start, double[] steps, int maxEvaluations = 2000, double tolerance = 1e-8)
    {
        var n = start.Length;
        var simplex = new double[n + 1][];
        var values = new double[n + 1];
        simplex[0] = (double[])start.Clone();
        values[0] = objective(simplex[0]);
        for (var i = 0; i < n; i++)
        {
            var vertex = (double[])start.Clone();
            vertex[i] += steps[i];
            var value = objective(vertex);
            if (double.IsInfinity(value) || double.IsNaN(value))
            {
                vertex[i] = start[i] - steps[i];
                value = objective(vertex);
            }
            simplex[i + 1] = vertex;
            values[i + 1] = Sanitise(value);
        }
        values[0] = Sanitise(values[0]);
        var evaluations = 2 * n + 1;
        var order = new int[n + 1];
        for (var i = 0; i <= n; i++)
        {
            order[i] = i;
        }
        var centroid = new double[n];
        var trial = new double[n];
        var trial2 = new double[n];
        while (evaluations < maxEvaluations)
        {
            SortByValue(order, values);
            int best = order[0], worst = order[n], secondWorst = order[n - 1];
            if (Math.Abs(values[worst] - values[best]) <= tolerance * (Math.Abs(values[best]) + tolerance))
            {
                break;
            }

            Array.Clear(centroid);
            for (var i = 0; i < n; i++)
            {
                var vertex = simplex[order[i]];
                for (var j = 0; j < n; j++)
                {
                    centroid[j] += vertex[j] / n;
                }
            }

            Move(centroid, simplex[worst], -1, trial);
            var reflected = Sanitise(objective(trial));
            evaluations++;
            if (reflected < values[best])
            {
                Move(centroid, simplex[worst], -2, trial2);
                var expanded = Sanitise(objective(trial2));
                evaluations++;
                Accept(simplex, values, worst, expanded < reflected ? trial2 : trial, Math.Min(expanded, reflected));
                continue;
            }
            if (reflected < values[secondWorst])
            {
                Accept(simplex, values, worst, trial, reflected);
                continue;
            }

            var outside = reflected < values[worst];
            Move(centroid, simplex[worst], outside ? -0.5 : 0.5, trial2);
            var contracted = Sanitise(objective(trial2));
            evaluations++;
            if (contracted < (outside ? reflected : values[worst]))
            {
                Accept(simplex, values, worst, trial2, contracted);
                continue;
            }

            for (var i = 1; i <= n; i++)
            {
                var index = order[i];
                for (var j = 0; j < n; j++)
                {
                    simplex[index][j] = simplex[best][j] + 0.5 * (simplex[index][j] - simplex[best][j]);
                }
                values[index] = Sanitise(objective(simplex[index]));
                evaluations++;
            }
        }

        var winner = 0;
        for (var i = 1; i <= n; i++)
        {
            if (values[i] < values[winner])
            {
                winner = i;
            }
        }
        return (simplex[winner], values[winner]);
    }

    // Stable insertion sort: after one vertex changes the order is almost sorted, so this is nearly linear.
    private static void SortByValue(int[] order, double[] values)
    {
        for (var i = 1; i < order.Length; i++)
        {
            var index = order[i];
            var value = values[index];
            var j = i - 1;
            while (j >= 0 && values[order[j]] > value)
            {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = index;
        }
    }

    private static double Sanitise(double value) => double.IsNaN(value) ? double.PositiveInfinity : value;

    // Point on the line from the centroid through the worst vertex: centroid + t·(worst − centroid).
    private static void Move(double[] centroid, double[] worst, double t, double[] into)
    {
        for (var j = 0; j < centroid.Length; j++)
        {
            into[j] = centroid[j] + t * (worst[j] - centroid[j]);
        }
    }

    private static void Accept(double[][] simplex, double[] values, int index, double[] point, double value)
    {
        Array.Copy(point, simplex[index], point.Length);
        values[index] = value;
    }
}
