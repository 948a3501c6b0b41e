using Npgsql;

namespace GoldAnalytics.Runtime.TestHost;

/// <summary>A recorded run of a test blob function.</summary>
public sealed record BlobRun(string FunctionName, string BlobName, string ETag, string Host, string Detail);

/// <summary>Where test blob functions record their runs: a table in the test database.</summary>
public sealed class BlobRuns(string connectionString, string host)
{
    /// <summary>Creates the runs table.</summary>
    public static async Task CreateTableAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            CREATE TABLE IF NOT EXISTS test_blob_runs (
                function_name text NOT NULL, blob_name text NOT NULL, etag text NOT NULL, host text NOT NULL, detail text NOT NULL,
                recorded_at timestamptz NOT NULL DEFAULT clock_timestamp())
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every recorded run, in order.</summary>
    public static async Task<IReadOnlyList<BlobRun>> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT function_name, blob_name, etag, host, detail FROM test_blob_runs ORDER BY recorded_at", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var runs = new List<BlobRun>();
        while (await reader.ReadAsync())
        {
            runs.Add(new BlobRun(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return runs;
    }

    /// <summary>Waits until at least <paramref name="count"/> runs are recorded, or the timeout passes; returns the runs.</summary>
    public static async Task<IReadOnlyList<BlobRun>> WaitForAsync(string connectionString, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var runs = await ReadAsync(connectionString);
            if (runs.Count >= count || DateTime.UtcNow > deadline)
            {
                return runs;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Records one run.</summary>
    public async Task RecordAsync(string function, string blobName, string etag, string detail, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "INSERT INTO test_blob_runs (function_name, blob_name, etag, host, detail) VALUES (@function, @name, @etag, @host, @detail)", connection);
        command.Parameters.AddWithValue("function", function);
        command.Parameters.AddWithValue("name", blobName);
        command.Parameters.AddWithValue("etag", etag);
        command.Parameters.AddWithValue("host", host);
        command.Parameters.AddWithValue("detail", detail);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
