using System.Text;
using Dapper;
using GoldAnalytics.Data.Entry;
using GoldAnalytics.Data.Outbox;
using Npgsql;

namespace GoldAnalytics.Data.Imports;

/// <summary>
/// Imports one CSV file in one transaction: stage every row with binary COPY, check the file with
/// set-based SQL, then write it all (or, when asked, the valid rows only) together with the import
/// record, its audit entry and its domain event. A file with any error and the default mode writes nothing.
/// </summary>
public sealed class ImportRunner(NpgsqlDataSource dataSource)
{
    /// <summary>Imports the spooled file as <paramref name="kind"/>.</summary>
    public async Task<ImportResult> RunAsync(ImportKind kind, SpooledCsv file, ImportOptions options, string actor, CancellationToken cancellationToken)
    {
        await using var write = await ShopWrite.BeginAsync(dataSource, actor, cancellationToken);
        write.CommandTimeoutSeconds = 0;
        if (await PreviousAsync(write, kind, file, cancellationToken) is { } previous)
        {
            return previous;
        }

        var phases = new ImportPhases();
        // Grouping and numbering a million rows spills to disk at the default 4 MB; this transaction only.
        await write.ExecuteAsync("SET LOCAL work_mem = '256MB'", null, cancellationToken);
        await write.ExecuteAsync(kind.StagingDdl, null, cancellationToken);
        var staged = await StagedRows.CopyAsync(write.Connection, kind, file, options, cancellationToken);
        phases.Lap("parse+copy");
        return await CompleteAsync(write, kind, file, options, actor, staged, phases, null, cancellationToken);
    }

    /// <summary>
    /// Checks the rows staged in <c>import_staging</c> (a temporary table, or the unlogged one of a staged
    /// import on the search path) and writes them, the import record, its audit entry and its event, then commits.
    /// </summary>
    internal static async Task<ImportResult> CompleteAsync(ShopWrite write, ImportKind kind, SpooledCsv file, ImportOptions options, string actor,
        StagingOutcome staged, ImportPhases phases, string? jobId, CancellationToken cancellationToken)
    {
        await write.ExecuteAsync("ANALYZE import_staging", null, cancellationToken);
        if (kind.PrepareSql.Length > 0)
        {
            await write.ExecuteAsync(kind.PrepareSql, null, cancellationToken);
        }

        phases.Lap("prepare");
        var (errors, errorCount, rejected) = await CheckAsync(write, kind, staged, cancellationToken);
        phases.Lap("checks");
        if (options.Mode == ImportMode.ValidRows && kind.GroupColumn is { } group && (rejected.Count > 0 || staged.RejectedGroups.Count > 0))
        {
            // A group (an invoice's lines) is written whole or not at all.
            var siblings = await write.QueryAsync<int>($"SELECT row_no FROM import_staging WHERE {group} = ANY(@keys) OR {group} IN (SELECT {group} FROM import_staging WHERE row_no = ANY(@rows))",
                new { keys = staged.RejectedGroups.ToArray(), rows = rejected.ToArray() }, cancellationToken);
            foreach (var row in siblings.Where(r => !rejected.Contains(r)))
            {
                rejected.Add(row);
                errorCount++;
                errors.Add(new ImportError(row, group, $"another row with the same {group} is invalid; its rows are written together or not at all"));
            }

            errors = [.. errors.OrderBy(e => e.Row).ThenBy(e => e.Column, StringComparer.Ordinal).Take(StagedRows.ErrorCap)];
        }

        var rejectedRows = staged.RejectedRows.Union(rejected).ToHashSet();
        if (errorCount > 0 && options.Mode == ImportMode.AllOrNothing)
        {
            return new ImportResult(null, kind.Name, false, false, staged.RowsRead, 0, 0, rejectedRows.Count, errorCount, errors) { PhaseSeconds = phases.Seconds };
        }

        if (rejected.Count > 0)
        {
            await write.ExecuteAsync("DELETE FROM import_staging WHERE row_no = ANY(@rows)", new { rows = rejected.ToArray() }, cancellationToken);
        }

        var rejectedCsv = rejectedRows.Count > 0 ? await RejectedCsvAsync(file, options, rejectedRows, errors, errorCount) : null;
        var importId = await write.SingleAsync<long>("""
            INSERT INTO import_files (kind, sha256, file_name, actor, rows_read, rows_written, rows_rejected, rejected_csv, job_id, error_count, errors)
            VALUES (@Name, @Sha256, @fileName, @actor, @read, 0, @rejectedCount, @rejectedCsv, @jobId, @errorCount, @errorsJson::jsonb) RETURNING id
            """, new { kind.Name, file.Sha256, fileName = options.FileName, actor, read = staged.RowsRead, rejectedCount = rejectedRows.Count, rejectedCsv, jobId, errorCount,
                       errorsJson = System.Text.Json.JsonSerializer.Serialize(errors) }, cancellationToken);
        phases.Lap("rejected rows");
        var written = (int)await write.SingleAsync<long>(kind.WriteSql, new { importId }, cancellationToken);
        phases.Lap("insert+triggers");
        var valid = staged.RowsRead - rejectedRows.Count;
        await write.ExecuteAsync("UPDATE import_files SET rows_written = @written WHERE id = @importId", new { written, importId }, cancellationToken);

        var affected = await write.SingleAsync<Affected>(kind.AffectedSql, null, cancellationToken);
        var importKey = importId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await write.AuditAsync("import_files", importKey, "insert", null,
            $$"""{"kind":"{{kind.Name}}","rowsRead":{{staged.RowsRead}},"rowsWritten":{{written}},"rowsRejected":{{rejectedRows.Count}}}""", cancellationToken);
        await write.EmitAsync(new DomainEvent($"imports.{kind.Name}.imported", kind.Entity, importKey, affected?.BusinessDates ?? [], affected?.BranchIds ?? []), cancellationToken);
        await write.CommitAsync(cancellationToken);
        phases.Lap("commit");
        return new ImportResult(importId, kind.Name, true, false, staged.RowsRead, written, Math.Max(0, valid - written), rejectedRows.Count, errorCount, errors) { PhaseSeconds = phases.Seconds };
    }

    /// <summary>
    /// Holds every other import of the same kind and file back until this write ends: the same file sent twice at once
    /// is imported by one request while the other waits, and then finds the import it committed.
    /// </summary>
    internal static Task LockFileAsync(ShopWrite write, ImportKind kind, SpooledCsv file, CancellationToken cancellationToken) =>
        write.LockKeyAsync("import_files", $"{kind.Name}/{Convert.ToHexStringLower(file.Sha256)}", cancellationToken);

    /// <summary>What an earlier import of the same kind and file wrote, if any (the file locked first).</summary>
    internal static async Task<ImportResult?> PreviousAsync(ShopWrite write, ImportKind kind, SpooledCsv file, CancellationToken cancellationToken)
    {
        await LockFileAsync(write, kind, file, cancellationToken);
        var previous = await write.SingleAsync<long?>("SELECT id FROM import_files WHERE kind = @Name AND sha256 = @Sha256",
            new { kind.Name, file.Sha256 }, cancellationToken);
        return previous is { } id ? new ImportResult(id, kind.Name, false, true, 0, 0, 0, 0, 0, []) : null;
    }

    private static async Task<(List<ImportError> Errors, int Count, HashSet<int> Rejected)> CheckAsync(ShopWrite write, ImportKind kind, StagingOutcome staged, CancellationToken cancellationToken)
    {
        var errors = new List<ImportError>(staged.Errors);
        var count = staged.ErrorCount;
        var rejected = new HashSet<int>();
        foreach (var check in kind.Checks)
        {
            var rows = await write.QueryAsync<int>(check.Sql, null, cancellationToken);
            count += rows.Count;
            rejected.UnionWith(rows);
            errors.AddRange(rows.Take(Math.Max(0, StagedRows.ErrorCap * 4 - errors.Count)).Select(r => new ImportError(r, check.Column, check.Reason)));
        }

        return ([.. errors.OrderBy(e => e.Row).ThenBy(e => e.Column, StringComparer.Ordinal).Take(StagedRows.ErrorCap)], count, rejected);
    }

    private static async Task<string> RejectedCsvAsync(SpooledCsv file, ImportOptions options, HashSet<int> rows, List<ImportError> errors, int errorCount)
    {
        var reasons = errors.GroupBy(e => e.Row).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(e => $"{e.Column}: {e.Reason}")));
        var csv = new StringBuilder();
        var header = true;
        await foreach (var (row, cells) in StagedRows.RowsAsync(file, options, rows.Append(1).ToHashSet()))
        {
            var reason = header ? "error" : reasons.GetValueOrDefault(row, errorCount > errors.Count ? "see the import's other errors" : "invalid");
            CsvCells.AppendLine(csv, header ? [.. cells, reason] : [CsvCells.Invariant(row), .. cells, reason]);
            if (header)
            {
                csv.Insert(0, "row,");
            }

            header = false;
        }

        return csv.ToString();
    }

    // The kind's affected-rows query answers with comma-separated lists: no array mapping to depend on.
    private sealed record Affected(string? Dates, string? Branches)
    {
        public DateOnly[] BusinessDates => Split(Dates, s => DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        public int[] BranchIds => Split(Branches, s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture));

        private static T[] Split<T>(string? list, Func<string, T> parse) =>
            string.IsNullOrEmpty(list) ? [] : [.. list.Split(',').Select(parse)];
    }
}
