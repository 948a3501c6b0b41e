namespace GoldAnalytics.Domain.Forecasting.Decomposition;

/// <summary>
/// The last few STL decompositions made on this thread. The automatic selection decomposes the same history for the
/// seasonality analysis and again for each STL model at each back-test origin; this keeps it to once per history.
/// Callers must not modify the components they get.
/// </summary>
internal static class RecentDecompositions
{
    private const int Capacity = 4;

    [ThreadStatic]
    private static Entry[]? t_entries;

    [ThreadStatic]
    private static int t_next;

    public static StlComponents Decompose(double[] y, int m)
    {
        var entries = t_entries ??= new Entry[Capacity];
        foreach (var entry in entries)
        {
            if (entry is not null && entry.Period == m && entry.Values.AsSpan().SequenceEqual(y))
            {
                return entry.Components;
            }
        }
        var components = Stl.Decompose(y, m);
        entries[t_next] = new Entry((double[])y.Clone(), m, components);
        t_next = (t_next + 1) % Capacity;
        return components;
    }

    private sealed record Entry(double[] Values, int Period, StlComponents Components);
}
