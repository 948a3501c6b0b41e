namespace GoldAnalytics.Data.DemoData;

/// <summary>
/// xoshiro256** seeded through splitmix64: the demo data's own generator, so the same seed gives the
/// same rows on every runtime (System.Random's algorithm is not a stable contract). Only +, −, ×, ÷
/// and square roots touch doubles, all exactly specified by IEEE 754, so no platform's libm leaks in.
/// </summary>
public sealed class DemoRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>A generator whose whole sequence follows from the seed.</summary>
    public DemoRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>An independent stream for one purpose, so adding draws in one place never shifts another.</summary>
    public DemoRandom Fork(ulong purpose) => new(NextUInt64() ^ (purpose * 0x9E37_79B9_7F4A_7C15UL));

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 bits of precision.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, maxExclusive), without modulo bias.</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        var bound = (ulong)maxExclusive;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var r = NextUInt64();
            if (r >= threshold)
            {
                return (int)(r % bound);
            }
        }
    }

    /// <summary>Uniform integer in [min, maxInclusive].</summary>
    public int Between(int min, int maxInclusive) => min + Next(maxInclusive - min + 1);

    /// <summary>Uniform double in [min, max).</summary>
    public double Between(double min, double max) => min + (NextDouble() * (max - min));

    /// <summary>True with the given probability.</summary>
    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Approximately standard normal: the Irwin–Hall sum of twelve uniforms, less six (no transcendental functions).</summary>
    public double Normal()
    {
        var sum = 0.0;
        for (var i = 0; i < 12; i++)
        {
            sum += NextDouble();
        }

        return sum - 6.0;
    }

    /// <summary>A count with the given mean: Poisson-like spread (variance ≈ mean), never negative.</summary>
    public int Count(double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean < 12)
        {
            // Small means: count Bernoulli successes so small counts keep their skew.
            var trials = (int)Math.Ceiling(mean * 4);
            var p = mean / trials;
            var k = 0;
            for (var i = 0; i < trials; i++)
            {
                k += NextDouble() < p ? 1 : 0;
            }

            return k;
        }

        return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * Normal()), MidpointRounding.AwayFromZero));
    }

    /// <summary>An element picked uniformly.</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>An amount of money uniform in [min, max], to two decimals.</summary>
    public decimal Money(decimal min, decimal max) =>
        Math.Round(min + ((max - min) * (decimal)NextDouble()), 2, MidpointRounding.AwayFromZero);

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E37_79B9_7F4A_7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }
}
