using Npgsql;

namespace GoldAnalytics.Runtime.TestHost;

/// <summary>A recorded run of a test timer function.</summary>
public sealed record TimerRun(string FunctionName, DateTimeOffset? Slot, bool IsPastDue, string Host, DateTimeOffset StartedAt, DateTimeOffset FinishedAt);

/// <summary>Where test timer functions record their runs: a table in the test database.</summary>
public sealed class TimerRuns(string connectionString, string host)
{
    /// <summary>Creates the runs table.</summary>
    public static async Task CreateTableAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            CREATE TABLE IF NOT EXISTS test_timer_runs (
                function_name text NOT NULL, slot timestamptz, is_past_due boolean NOT NULL, host text NOT NULL,
                started_at timestamptz NOT NULL, finished_at timestamptz NOT NULL)
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every recorded run, in start order.</summary>
    public static async Task<IReadOnlyList<TimerRun>> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT function_name, slot, is_past_due, host, started_at, finished_at FROM test_timer_runs ORDER BY started_at", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var runs = new List<TimerRun>();
        while (await reader.ReadAsync())
        {
            runs.Add(new TimerRun(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetBoolean(2),
                reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return runs;
    }

    /// <summary>Works for <paramref name="work"/>, then records the run with the slot it was given.</summary>
    public async Task RecordAsync(string function, Timers.TimerInfo timer, TimeSpan work, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        await Task.Delay(work, cancellationToken);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO test_timer_runs (function_name, slot, is_past_due, host, started_at, finished_at)
            VALUES (@function, @slot, @pastDue, @host, @started, now())
            """, connection);
        command.Parameters.AddWithValue("function", function);
        command.Parameters.AddWithValue("slot", (object?)timer.ScheduleStatus?.Next ?? DBNull.Value);
        command.Parameters.AddWithValue("pastDue", timer.IsPastDue);
        command.Parameters.AddWithValue("host", host);
        command.Parameters.AddWithValue("started", started);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
