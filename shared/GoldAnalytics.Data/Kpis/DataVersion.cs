using Npgsql;

namespace GoldAnalytics.Data.Kpis;

/// <summary>The KPI data version, the days changed since an earlier version, and whether rollups are behind.</summary>
public sealed record DataChanges(long Version, IReadOnlyList<DateOnly> ChangedDays, bool HasDirtyDays);

/// <summary>Reads the counter every write that affects the numbers bumps in its own transaction.</summary>
public sealed class DataVersion(NpgsqlDataSource dataSource)
{
    /// <summary>The current version and the days whose numbers changed after <paramref name="since"/>.</summary>
    public async Task<DataChanges> ReadAsync(long since, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter<long>("since", since));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long version = 0;
        var dirty = false;
        var days = new List<DateOnly>();
        while (await reader.ReadAsync(cancellationToken))
        {
            version = reader.GetInt64(0);
            dirty = reader.GetBoolean(1);
            if (!reader.IsDBNull(2))
            {
                days.Add(reader.GetFieldValue<DateOnly>(2));
            }
        }

        return new DataChanges(version, days, dirty);
    }

    // One round trip: the version, joined to the days that changed after the caller's version.
    private const string Sql = """
        SELECT v.version, EXISTS (SELECT 1 FROM kpi_dirty_days) OR EXISTS (SELECT 1 FROM kpi_dirty_cells) AS dirty, d.day
          FROM kpi_data_version v
          LEFT JOIN kpi_day_versions d ON d.version > @since
         WHERE v.id = 1
        """;
}
