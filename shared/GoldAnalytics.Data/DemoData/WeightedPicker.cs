namespace GoldAnalytics.Data.DemoData;

/// <summary>Picks an index with probability proportional to its weight; weights can be appended (a growing customer base).</summary>
public sealed class WeightedPicker
{
    private double[] _cumulative;

    /// <summary>A picker over the given weights (more can be added).</summary>
    public WeightedPicker(IEnumerable<double>? weights = null, int capacity = 16)
    {
        _cumulative = new double[Math.Max(1, capacity)];
        foreach (var weight in weights ?? [])
        {
            Add(weight);
        }
    }

    /// <summary>How many weights the picker holds.</summary>
    public int Count { get; private set; }

    /// <summary>Appends a weight; its index is the previous <see cref="Count"/>.</summary>
    public int Add(double weight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        if (Count == _cumulative.Length)
        {
            Array.Resize(ref _cumulative, _cumulative.Length * 2);
        }

        _cumulative[Count] = (Count == 0 ? 0 : _cumulative[Count - 1]) + weight;
        return Count++;
    }

    /// <summary>An index drawn in proportion to the weights.</summary>
    public int Pick(DemoRandom random)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("Nothing to pick from.");
        }

        var target = random.NextDouble() * _cumulative[Count - 1];
        var index = Array.BinarySearch(_cumulative, 0, Count, target);
        index = index >= 0 ? index + 1 : ~index;
        return Math.Min(index, Count - 1);
    }
}
