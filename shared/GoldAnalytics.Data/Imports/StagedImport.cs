using System.Security.Cryptography;
using System.Text;
using Dapper;
using GoldAnalytics.Data.Entry;
using Npgsql;

namespace GoldAnalytics.Data.Imports;

/// <summary>What one staging step did: rows read and staged, and the errors of the rows that could not be read.</summary>
public sealed record StagedChunk(int RowsRead, int RowsStaged, int ErrorCount, IReadOnlyList<ImportError> Errors);

/// <summary>
/// A large import done in steps (the activities of an orchestration): its rows are staged chunk by chunk
/// into unlogged tables of a schema of its own, which outlive each step and a host restart, and are then
/// checked and written by one transaction, as a small import is. Every step can run again after a crash
/// without duplicating anything: a chunk replaces its own rows, and the final write finds the import
/// record it committed (by job id) instead of writing again.
/// </summary>
public sealed class StagedImport(NpgsqlDataSource dataSource)
{
    /// <summary>The import of the same kind and file that was already written, if any.</summary>
    public async Task<long?> ImportedAsync(ImportKind kind, byte[] sha256, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT id FROM import_files WHERE kind = @Name AND sha256 = @sha256", new { kind.Name, sha256 }, cancellationToken: cancellationToken));
    }

    /// <summary>Stages the records of <paramref name="range"/>, replacing whatever an earlier run of the same step staged.</summary>
    public async Task<StagedChunk> StageAsync(string jobId, ImportKind kind, SpooledCsv file, ImportOptions options, RecordRange range, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var schema = SchemaOf(jobId);
        await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {schema}", null, cancellationToken);
        await ExecuteAsync(connection, $"SET LOCAL search_path = {schema}, public", null, cancellationToken);
        await ExecuteAsync(connection, kind.UnloggedStagingDdl, null, cancellationToken);
        await ExecuteAsync(connection, """
            CREATE UNLOGGED TABLE IF NOT EXISTS import_rejected (row_no int PRIMARY KEY);
            CREATE UNLOGGED TABLE IF NOT EXISTS import_rejected_groups (chunk bigint NOT NULL, group_key text NOT NULL);
            """, null, cancellationToken);
        // Row numbers are record numbers + 1 (the header is row 1).
        var rows = new { first = range.After + 1, last = range.Count == long.MaxValue ? long.MaxValue : range.After + range.Count + 1, chunk = range.After };
        await ExecuteAsync(connection, """
            DELETE FROM import_staging WHERE row_no > @first AND row_no <= @last;
            DELETE FROM import_rejected WHERE row_no > @first AND row_no <= @last;
            DELETE FROM import_rejected_groups WHERE chunk = @chunk;
            """, rows, cancellationToken);
        var outcome = await StagedRows.CopyAsync(connection, kind, file, options, range, cancellationToken);
        await ExecuteAsync(connection, """
            INSERT INTO import_rejected (row_no) SELECT unnest(@rejected);
            INSERT INTO import_rejected_groups (chunk, group_key) SELECT @chunk, unnest(@groups);
            """, new { rejected = outcome.RejectedRows.ToArray(), groups = outcome.RejectedGroups.ToArray(), chunk = range.After }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new StagedChunk(outcome.RowsRead, outcome.RowsStaged, outcome.ErrorCount, outcome.Errors);
    }

    /// <summary>
    /// Checks and writes the staged rows in one transaction, as <see cref="ImportRunner"/> does for a small file.
    /// <paramref name="staged"/> sums the chunks. Run again after a crash, it answers with the import it committed.
    /// </summary>
    public async Task<ImportResult> WriteAsync(string jobId, ImportKind kind, SpooledCsv file, ImportOptions options, string actor, StagedChunk staged, CancellationToken cancellationToken)
    {
        await using var write = await ShopWrite.BeginAsync(dataSource, actor, cancellationToken);
        write.CommandTimeoutSeconds = 0;
        await ImportRunner.LockFileAsync(write, kind, file, cancellationToken);
        if (await ImportHistory.FindAsync(write.Connection, "job_id = @jobId", new { jobId }, cancellationToken) is { } done)
        {
            return done.ToResult();
        }

        if (await ImportRunner.PreviousAsync(write, kind, file, cancellationToken) is { } previous)
        {
            return previous;
        }

        var phases = new ImportPhases();
        var schema = SchemaOf(jobId);
        await write.ExecuteAsync($"SET LOCAL search_path = {schema}, public", null, cancellationToken);
        await write.ExecuteAsync("SET LOCAL work_mem = '256MB'", null, cancellationToken);
        // Unlogged tables come back empty after a database crash: then the file must be staged again.
        var present = await write.SingleAsync<long>("SELECT (SELECT count(*) FROM import_staging) + (SELECT count(*) FROM import_rejected)", null, cancellationToken);
        if (present != staged.RowsRead)
        {
            throw new InvalidOperationException($"The import's staged rows are gone ({present} of {staged.RowsRead} found; the database restarted): stage the file again.");
        }

        var rejected = await write.QueryAsync<int>("SELECT row_no FROM import_rejected", null, cancellationToken);
        var groups = await write.QueryAsync<string>("SELECT DISTINCT group_key FROM import_rejected_groups", null, cancellationToken);
        var outcome = new StagingOutcome(staged.RowsRead, staged.RowsStaged, staged.Errors, staged.ErrorCount, rejected.ToHashSet(), groups.ToHashSet(StringComparer.Ordinal));
        phases.Lap("load staged");
        return await ImportRunner.CompleteAsync(write, kind, file, options, actor, outcome, phases, jobId, cancellationToken);
    }

    /// <summary>Drops the import's staging schema (nothing happens if it is gone).</summary>
    public async Task DropAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, $"DROP SCHEMA IF EXISTS {SchemaOf(jobId)} CASCADE", null, cancellationToken);
    }

    /// <summary>The staging schema of a job: a name derived from the job id, safe to splice into SQL.</summary>
    public static string SchemaOf(string jobId) => "import_job_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(jobId)))[..24];

    private static Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, object? parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, commandTimeout: 0, cancellationToken: cancellationToken));
}
