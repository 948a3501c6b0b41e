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

    /// <summary>Waits until <paramref name="done"/> holds for the recorded runs, or the timeout passes; returns the runs.</summary>
    public static async Task<IReadOnlyList<TimerRun>> WaitUntilAsync(string connectionString, Func<IReadOnlyList<TimerRun>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var runs = await ReadAsync(connectionString);
            if (done(runs) || DateTime.UtcNow > deadline)
            {
                return runs;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Checks that no slot fired twice, and that each gap in the fired slots (missed while hosts were down,
    /// busy or starved of CPU) is followed by a past-due run that stands for the missed slots; returns what is wrong, or null.
    /// </summary>
    public static string? SlotProblems(IReadOnlyList<TimerRun> runs, TimeSpan interval)
    {
        var duplicate = runs.GroupBy(r => r.Slot).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return $"slot {duplicate.Key:o} fired {duplicate.Count()} times";
        }

        var bySlot = runs.OrderBy(r => r.Slot).ToList();
        var gap = bySlot.Zip(bySlot.Skip(1)).FirstOrDefault(p => p.Second.Slot - p.First.Slot != interval && !p.Second.IsPastDue);
        return gap == default ? null : $"slot {gap.Second.Slot:o} follows {gap.First.Slot:o} with slots missed, but is not past due";
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
