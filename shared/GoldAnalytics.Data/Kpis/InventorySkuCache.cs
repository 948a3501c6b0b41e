using Npgsql;
using GoldAnalytics.Domain.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;

namespace GoldAnalytics.Data.Kpis;

/// <summary>
/// The per-(branch, SKU) stock figures of a filter and range, kept between data versions. Stock
/// writes stamp the (branch, SKU) pairs they touch (kpi_stock_versions), so after a sale only those
/// pairs are re-read; a new gold rate or a product edit (the reference version) re-reads everything.
/// Not thread-safe: callers hold the KPI data gate's lock.
/// </summary>
internal sealed class InventorySkuCache
{
    private const int MaxEntries = 200;
    private readonly Dictionary<(KpiFilter Filter, DateRange Range), Entry> _entries = [];

    /// <summary>The SKU rows for the filter and range, valid at <paramref name="version"/> (the gate's version, rollups fresh up to it).</summary>
    public async Task<IReadOnlyCollection<InventoryQuery.SkuStock>> GetAsync(
        NpgsqlConnection connection, KpiFilter filter, DateRange range, long version, CancellationToken cancellationToken)
    {
        var reference = await ReferenceVersionAsync(connection, cancellationToken);
        if (!_entries.TryGetValue((filter, range), out var entry) || entry.Reference != reference)
        {
            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }

            var rows = await InventoryQuery.LoadAsync(connection, filter, range, cancellationToken);
            entry = new Entry(rows.ToDictionary(r => (r.BranchId, r.ProductId)), reference, version);
            _entries[(filter, range)] = entry;
            return entry.Rows.Values;
        }

        if (entry.Version < version)
        {
            var changed = await ChangedSkusAsync(connection, entry.Version, cancellationToken);
            if (changed.Count > 0)
            {
                foreach (var key in changed)
                {
                    entry.Rows.Remove(key);
                }

                foreach (var row in await InventoryQuery.LoadAsync(connection, filter, range, cancellationToken, changed))
                {
                    entry.Rows[(row.BranchId, row.ProductId)] = row;
                }
            }

            _entries[(filter, range)] = entry with { Version = version };
        }

        return _entries[(filter, range)].Rows.Values;
    }

    private static async Task<long> ReferenceVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT reference_version FROM kpi_data_version WHERE id = 1", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<List<(int BranchId, int ProductId)>> ChangedSkusAsync(NpgsqlConnection connection, long since, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT branch_id, product_id FROM kpi_stock_versions WHERE version > @since", connection);
        command.Parameters.Add(new NpgsqlParameter<long>("since", since));
        var changed = new List<(int, int)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changed.Add((reader.GetInt32(0), reader.GetInt32(1)));
        }

        return changed;
    }

    private sealed record Entry(Dictionary<(int BranchId, int ProductId), InventoryQuery.SkuStock> Rows, long Reference, long Version);
}
