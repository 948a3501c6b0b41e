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
