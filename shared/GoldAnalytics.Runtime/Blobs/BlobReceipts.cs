using Dapper;
using GoldAnalytics.Adapters.BlobStorage;
using Npgsql;

namespace GoldAnalytics.Runtime.Blobs;

/// <summary>A blob version a function has not finished with, due for another attempt.</summary>
internal sealed record UnfinishedBlob(string BlobName, string ETag);

/// <summary>
/// The receipts table: one row per function and blob version, claimed with a lease. Claiming is a single
/// INSERT ... ON CONFLICT DO UPDATE ... WHERE, so of any number of hosts exactly one gets each attempt.
/// </summary>
internal sealed class BlobReceipts(NpgsqlDataSource database, string owner)
{
    /// <summary>Claims the next attempt at this version; returns its number, or null if it is done, poison, leased or not yet due.</summary>
    public async Task<int?> ClaimAsync(string function, BlobItem blob, TimeSpan lease, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO runtime.blob_receipts (function_name, container, blob_name, etag, status, attempts, lease_owner, lease_until)
            VALUES (@function, @container, @name, @etag, 'running', 1, @owner, now() + @lease)
            ON CONFLICT (function_name, container, blob_name, etag) DO UPDATE
            SET status = 'running', attempts = runtime.blob_receipts.attempts + 1,
                lease_owner = @owner, lease_until = now() + @lease, updated_at = now()
            WHERE (runtime.blob_receipts.status = 'running' AND runtime.blob_receipts.lease_until < now())
               OR (runtime.blob_receipts.status = 'failed' AND runtime.blob_receipts.next_attempt_at <= now())
            RETURNING attempts
            """;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(sql,
            new { function, container = blob.Container, name = blob.Name, etag = blob.ETag, owner, lease }, cancellationToken: cancellationToken));
    }

    public async Task<bool> RenewAsync(string function, BlobItem blob, TimeSpan lease, CancellationToken cancellationToken) =>
        await ExecuteAsync("""
            UPDATE runtime.blob_receipts SET lease_until = now() + @lease
            WHERE function_name = @function AND container = @container AND blob_name = @name AND etag = @etag
              AND status = 'running' AND lease_owner = @owner
            """, function, blob, new { lease }, cancellationToken) == 1;

    /// <summary>Ends the attempt with a final status: done, or superseded when the version was overwritten or deleted first.</summary>
    public Task FinishAsync(string function, BlobItem blob, string status, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            UPDATE runtime.blob_receipts
            SET status = @status, lease_owner = NULL, lease_until = NULL, last_error = NULL, updated_at = now()
            WHERE function_name = @function AND container = @container AND blob_name = @name AND etag = @etag AND lease_owner = @owner
            """, function, blob, new { status }, cancellationToken);

    /// <summary>Records a failed attempt, due again after <paramref name="retryAfter"/>; an attempt that never reached the function is not counted.</summary>
    public Task FailAsync(string function, BlobItem blob, string error, TimeSpan retryAfter, bool countAttempt, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            UPDATE runtime.blob_receipts
            SET status = 'failed', attempts = attempts - CASE WHEN @countAttempt THEN 0 ELSE 1 END,
                next_attempt_at = now() + @retryAfter, last_error = @error, lease_owner = NULL, lease_until = NULL, updated_at = now()
            WHERE function_name = @function AND container = @container AND blob_name = @name AND etag = @etag AND lease_owner = @owner
            """, function, blob, new { error, retryAfter, countAttempt }, cancellationToken);

    /// <summary>Sets the version aside as poison, in the receipt and the poison table, in one transaction.</summary>
    public async Task PoisonAsync(string function, BlobItem blob, int attempts, string error, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE runtime.blob_receipts
            SET status = 'poison', last_error = @error, lease_owner = NULL, lease_until = NULL, updated_at = now()
            WHERE function_name = @function AND container = @container AND blob_name = @name AND etag = @etag AND lease_owner = @owner;

            INSERT INTO runtime.blob_poison (function_name, container, blob_name, etag, attempts, error)
            VALUES (@function, @container, @name, @etag, @attempts, @error)
            ON CONFLICT DO NOTHING;
            """;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql,
            new { function, container = blob.Container, name = blob.Name, etag = blob.ETag, owner, attempts, error }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Of these names, the versions (name → ETag) the function is finished with: done, superseded or poison.</summary>
    public async Task<ILookup<string, string>> FinishedAsync(string function, string container, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT blob_name AS BlobName, etag AS ETag FROM runtime.blob_receipts
            WHERE function_name = @function AND container = @container AND blob_name = ANY(@names)
              AND status IN ('done', 'superseded', 'poison')
            """;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<UnfinishedBlob>(new CommandDefinition(sql, new { function, container, names = names.ToArray() }, cancellationToken: cancellationToken));
        return rows.ToLookup(r => r.BlobName, r => r.ETag);
    }

    /// <summary>Versions due for another attempt: failed and due, or claimed by a host whose lease ran out.</summary>
    public async Task<IReadOnlyList<UnfinishedBlob>> DueAsync(string function, string container, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT blob_name AS BlobName, etag AS ETag FROM runtime.blob_receipts
            WHERE function_name = @function AND container = @container
              AND ((status = 'failed' AND next_attempt_at <= now()) OR (status = 'running' AND lease_until < now()))
            ORDER BY next_attempt_at NULLS FIRST
            LIMIT 500
            """;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<UnfinishedBlob>(new CommandDefinition(sql, new { function, container }, cancellationToken: cancellationToken))];
    }

    /// <summary>How long until the function's next retry is due, or null if none is waiting.</summary>
    public async Task<TimeSpan?> NextRetryInAsync(string function, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT greatest(min(next_attempt_at) - now(), interval '0') FROM runtime.blob_receipts
            WHERE function_name = @function AND status = 'failed'
            """;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<TimeSpan?>(new CommandDefinition(sql, new { function }, cancellationToken: cancellationToken));
    }

    private async Task<int> ExecuteAsync(string sql, string function, BlobItem blob, object extra, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(extra);
        parameters.AddDynamicParams(new { function, container = blob.Container, name = blob.Name, etag = blob.ETag, owner });
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }
}
