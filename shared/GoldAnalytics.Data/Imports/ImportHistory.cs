using Dapper;
using Npgsql;

namespace GoldAnalytics.Data.Imports;

/// <summary>Reads what earlier imports recorded.</summary>
public sealed class ImportHistory(NpgsqlDataSource dataSource)
{
    /// <summary>The rejected rows of an import as CSV (null when the import is unknown or rejected nothing).</summary>
    public async Task<string?> RejectedCsvAsync(string kind, long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT rejected_csv FROM import_files WHERE id = @id AND kind = @kind", new { id, kind }, cancellationToken: cancellationToken));
    }
}
