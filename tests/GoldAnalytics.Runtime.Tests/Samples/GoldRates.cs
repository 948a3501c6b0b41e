namespace GoldAnalytics.Runtime.Tests.Samples;

/// <summary>A service the sample functions get through constructor injection.</summary>
public sealed class GoldRates
{
    public decimal PerGram(int karat) => 60m * karat / 24m;
}

/// <summary>Counts disposals so tests can see the invoker disposes function instances.</summary>
public sealed class DisposalLog
{
    private int _count;

    public int Count => _count;

    public void Record() => Interlocked.Increment(ref _count);
}
