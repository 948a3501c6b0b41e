namespace GoldAnalytics.Data.Insights.Baskets;

/// <summary>
/// A basket count's key packed in one long: 0 counts the baskets, (a, 0) the baskets holding product a,
/// (a, b) with a &lt; b the baskets holding both. Product ids are positive, so the three never collide.
/// </summary>
internal static class BasketKey
{
    public const long Baskets = 0;

    public static long Product(int product) => (long)product << 32;

    public static long Pair(int a, int b) => ((long)a << 32) | (uint)b;

    public static int First(long key) => (int)(key >> 32);

    public static int Second(long key) => (int)key;

    public static bool IsPair(long key) => (int)key != 0;
}

/// <summary>
/// Hashes packed basket keys. The default hash of a long XORs its halves, which maps every pair (a, b)
/// with the same a ^ b to one bucket: with 400 products, 80,000 pairs would share ~500 hash codes.
/// </summary>
internal sealed class BasketKeyComparer : IEqualityComparer<long>
{
    public static readonly BasketKeyComparer Instance = new();

    public bool Equals(long x, long y) => x == y;

    // Fibonacci hashing: the high bits of the product depend on every bit of the key.
    public int GetHashCode(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 32);
}
