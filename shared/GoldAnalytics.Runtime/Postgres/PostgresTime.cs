namespace GoldAnalytics.Runtime.Postgres;

/// <summary>Npgsql reads timestamptz as a UTC <see cref="DateTime"/>; the runtime speaks <see cref="DateTimeOffset"/>.</summary>
internal static class PostgresTime
{
    public static DateTimeOffset AsUtc(this DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
