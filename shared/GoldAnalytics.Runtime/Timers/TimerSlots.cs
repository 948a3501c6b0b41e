using Dapper;
using GoldAnalytics.Runtime.Postgres;
using Npgsql;

namespace GoldAnalytics.Runtime.Timers;

/// <summary>A timer function's row: the latest claimed slot and whether a run holds the lease.</summary>
internal sealed record TimerRow(DateTime? LastSlot, DateTime UpdatedAt, bool Busy);

internal sealed record ClaimRow(DateTime? PreviousSlot, DateTime UpdatedAt);

/// <summary>A claimed slot: the lease token that proves it is ours, and the status to hand the function.</summary>
internal sealed record TimerClaim(Guid Token, DateTimeOffset? PreviousSlot, DateTimeOffset UpdatedAt);

/// <summary>The timer schedules table: registering functions, claiming slots under a lease, recording outcomes.</summary>
internal sealed class TimerSlots(NpgsqlDataSource database, string owner)
{
    /// <summary>Adds the function's row on first start, with no slot missed; keeps the row (and its last slot) afterwards.</summary>
    public async Task RegisterAsync(string function, string schedule, DateTimeOffset now, bool dropMissedSlots, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO runtime.timer_schedules (function_name, schedule, last_slot)
            VALUES (@function, @schedule, @now)
            ON CONFLICT (function_name) DO UPDATE
            SET schedule = excluded.schedule,
                last_slot = CASE WHEN @dropMissedSlots THEN greatest(runtime.timer_schedules.last_slot, @now)
                                 ELSE runtime.timer_schedules.last_slot END
            """;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { function, schedule, now, dropMissedSlots }, cancellationToken: cancellationToken));
    }

    public async Task<TimerRow> ReadAsync(string function, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT last_slot AS LastSlot, updated_at AS UpdatedAt, coalesce(lease_until > now(), false) AS Busy
            FROM runtime.timer_schedules WHERE function_name = @function
            """;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<TimerRow>(new CommandDefinition(sql, new { function }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Claims <paramref name="slot"/> if no host claimed it (or a later one) and no run holds the lease.
    /// Concurrent claims serialise on the row lock and re-check the condition, so exactly one wins.
    /// </summary>
    public async Task<TimerClaim?> ClaimSlotAsync(string function, DateTimeOffset slot, DateTimeOffset following, TimeSpan lease, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE runtime.timer_schedules
            SET previous_slot = last_slot, last_slot = @slot, next_slot = @following,
                lease_token = @token, lease_owner = @owner, lease_until = now() + @lease,
                last_started_at = now(), updated_at = now()
            WHERE function_name = @function
              AND (last_slot IS NULL OR last_slot < @slot)
              AND (lease_until IS NULL OR lease_until < now())
            RETURNING previous_slot AS PreviousSlot, updated_at AS UpdatedAt
            """;
        var token = Guid.NewGuid();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var claimed = await connection.QuerySingleOrDefaultAsync<ClaimRow>(new CommandDefinition(sql,
            new { function, slot, following, token, owner, lease }, cancellationToken: cancellationToken));
        return Claim(token, claimed);
    }

    /// <summary>Takes the lease without claiming a slot, for a run at start-up; null while another run holds it.</summary>
    public async Task<TimerClaim?> ClaimStartupRunAsync(string function, TimeSpan lease, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE runtime.timer_schedules
            SET lease_token = @token, lease_owner = @owner, lease_until = now() + @lease, last_started_at = now()
            WHERE function_name = @function AND (lease_until IS NULL OR lease_until < now())
            RETURNING last_slot AS PreviousSlot, updated_at AS UpdatedAt
            """;
        var token = Guid.NewGuid();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var claimed = await connection.QuerySingleOrDefaultAsync<ClaimRow>(new CommandDefinition(sql,
            new { function, token, owner, lease }, cancellationToken: cancellationToken));
        return Claim(token, claimed);
    }

    public async Task<bool> RenewAsync(string function, Guid token, TimeSpan lease, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE runtime.timer_schedules SET lease_until = now() + @lease
            WHERE function_name = @function AND lease_token = @token
            """;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { function, token, lease }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Releases the lease and records how the run went.</summary>
    public async Task CompleteAsync(string function, Guid token, TimeSpan duration, string? error, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE runtime.timer_schedules
            SET lease_token = NULL, lease_owner = NULL, lease_until = NULL,
                last_completed_at = now(), last_duration_ms = @durationMs, last_error = @error, updated_at = now()
            WHERE function_name = @function AND lease_token = @token
            """;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql,
            new { function, token, durationMs = (long)duration.TotalMilliseconds, error }, cancellationToken: cancellationToken));
    }

    private static TimerClaim? Claim(Guid token, ClaimRow? row) =>
        row is null ? null : new TimerClaim(token, row.PreviousSlot?.AsUtc(), row.UpdatedAt.AsUtc());
}
