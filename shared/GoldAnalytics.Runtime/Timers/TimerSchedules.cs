using Dapper;
using GoldAnalytics.Runtime.Postgres;
using Npgsql;

namespace GoldAnalytics.Runtime.Timers;

/// <summary>A timer function's schedule as the operations page shows it.</summary>
/// <param name="Last">The latest slot fired (or being fired).</param>
/// <param name="Next">The slot after it; in the past when every host was down.</param>
/// <param name="IsRunning">A run holds the lease now.</param>
public sealed record TimerScheduleStatus(
    string FunctionName,
    string Schedule,
    DateTimeOffset? Last,
    DateTimeOffset? Next,
    bool IsRunning,
    DateTimeOffset? LastStartedAt,
    DateTimeOffset? LastCompletedAt,
    TimeSpan? LastDuration,
    string? LastError);

/// <summary>Reads the recorded status of every timer schedule.</summary>
public interface ITimerSchedules
{
    /// <summary>Every timer function's status, by name.</summary>
    Task<IReadOnlyList<TimerScheduleStatus>> GetStatusAsync(CancellationToken cancellationToken = default);
}

/// <summary><see cref="ITimerSchedules"/> over the timer schedules table; schedules are read in <paramref name="zone"/> (UTC by default).</summary>
public sealed class PostgresTimerSchedules(string connectionString, TimeZoneInfo? zone = null) : ITimerSchedules
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<TimerScheduleStatus>> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT function_name AS FunctionName, schedule AS Schedule, last_slot AS LastSlot, next_slot AS NextSlot,
                   coalesce(lease_until > now(), false) AS IsRunning, last_started_at AS LastStartedAt,
                   last_completed_at AS LastCompletedAt, last_duration_ms AS LastDurationMs, last_error AS LastError
            FROM runtime.timer_schedules
            ORDER BY function_name
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new TimerScheduleStatus(
            r.FunctionName, r.Schedule, r.LastSlot?.AsUtc(), r.NextSlot?.AsUtc() ?? FirstSlot(r), r.IsRunning, r.LastStartedAt?.AsUtc(),
            r.LastCompletedAt?.AsUtc(), r.LastDurationMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null, r.LastError))];
    }

    // A timer no host has fired yet has no next slot recorded: it is the schedule's first slot after registration.
    private DateTimeOffset? FirstSlot(Row row)
    {
        try
        {
            return TimerSchedule.Parse(row.Schedule, zone ?? TimeZoneInfo.Utc).NextAfter(row.LastSlot?.AsUtc() ?? DateTimeOffset.UtcNow);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private sealed record Row(
        string FunctionName, string Schedule, DateTime? LastSlot, DateTime? NextSlot, bool IsRunning,
        DateTime? LastStartedAt, DateTime? LastCompletedAt, long? LastDurationMs, string? LastError);
}
