using System.Text.Json;
using Dapper;
using Npgsql;

namespace GoldAnalytics.Data.Imports;

/// <summary>An import as recorded: counts, the first errors and the orchestration that wrote it (large files).</summary>
public sealed record ImportRecord(
    long Id, string Kind, string? FileName, string Actor, DateTime ImportedAt, int RowsRead, int RowsWritten, int RowsRejected,
    int ErrorCount, IReadOnlyList<ImportError> Errors, string? JobId)
{
    /// <summary>The record as the result of the import that wrote it.</summary>
    public ImportResult ToResult() =>
        new(Id, Kind, true, false, RowsRead, RowsWritten, Math.Max(0, RowsRead - RowsRejected - RowsWritten), RowsRejected, ErrorCount, Errors);
}

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

    /// <summary>One import of the kind, or null.</summary>
    public async Task<ImportRecord?> FindAsync(string kind, long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FindAsync(connection, "id = @id AND kind = @kind", new { id, kind }, cancellationToken);
    }

    internal static async Task<ImportRecord?> FindAsync(NpgsqlConnection connection, string where, object parameters, CancellationToken cancellationToken)
    {
        // The condition is one of this assembly's constants; values are parameters.
#pragma warning disable CA2100
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"""
            SELECT id, kind, file_name AS FileName, actor, imported_at AS ImportedAt, rows_read AS RowsRead, rows_written AS RowsWritten,
                   rows_rejected AS RowsRejected, error_count AS ErrorCount, errors::text AS Errors, job_id AS JobId
              FROM import_files WHERE {where}
            """, parameters, cancellationToken: cancellationToken));
#pragma warning restore CA2100
        return row is null ? null : new ImportRecord(row.Id, row.Kind, row.FileName, row.Actor, row.ImportedAt, row.RowsRead, row.RowsWritten, row.RowsRejected,
            row.ErrorCount, JsonSerializer.Deserialize<List<ImportError>>(row.Errors) ?? [], row.JobId);
    }

    private sealed record Row(long Id, string Kind, string? FileName, string Actor, DateTime ImportedAt, int RowsRead, int RowsWritten, int RowsRejected,
        int ErrorCount, string Errors, string? JobId);
}
