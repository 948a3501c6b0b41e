using Dapper;
using GoldAnalytics.Data.Entry;
using GoldAnalytics.Data.Outbox;
using GoldAnalytics.Domain.Forecasting.Festivals;
using Npgsql;

namespace GoldAnalytics.Data.Forecasting;

/// <summary>One occurrence in the shop's festival calendar as stored.</summary>
public sealed record FestivalEntry(long Id, string Name, DateOnly FirstDay, DateOnly LastDay, DateTime CreatedAt);

/// <summary>
/// The shop's festival and holiday calendar (<c>shop_festivals</c>): listed for anyone, added to and removed from by
/// managers with an audit row and an event, read by the weekly forecast for its festival weeks.
/// </summary>
public sealed class FestivalCalendar(NpgsqlDataSource dataSource)
{
    /// <summary>Occurrences that touch the days from <paramref name="from"/> to <paramref name="to"/> (either open), by first day and name.</summary>
    public async Task<IReadOnlyList<FestivalEntry>> ListAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string Name, DateTime FirstDay, DateTime LastDay, DateTime CreatedAt)>(new CommandDefinition("""
            SELECT id, name, first_day, last_day, created_at FROM shop_festivals
             WHERE (@from::date IS NULL OR last_day >= @from::date) AND (@to::date IS NULL OR first_day <= @to::date)
             ORDER BY first_day, name
            """, new { from = Day(from), to = Day(to) }, cancellationToken: cancellationToken));
        return [.. rows.Select(Entry)];
    }

    /// <summary>Adds an occurrence, audited; null when the festival already has an occurrence starting that day.</summary>
    public async Task<FestivalEntry?> AddAsync(FestivalDays festival, string actor, CancellationToken cancellationToken = default)
    {
        await using var write = await ShopWrite.BeginAsync(dataSource, actor, cancellationToken);
        var key = await AuditedRows.ChangeAsync(write, "shop_festivals", "t.id = @id", "insert", """
            INSERT INTO shop_festivals (name, first_day, last_day) VALUES (@Name, @FirstDay, @LastDay)
            ON CONFLICT (name, first_day) DO NOTHING
            RETURNING id::text
            """, new { festival.Name, festival.FirstDay, festival.LastDay },
            id => new DomainEvent("forecasting.festival.added", "festival", id, [], []), cancellationToken);
        if (key is null)
        {
            return null;
        }

        var row = await write.SingleAsync<(long Id, string Name, DateTime FirstDay, DateTime LastDay, DateTime CreatedAt)>(
            "SELECT id, name, first_day, last_day, created_at FROM shop_festivals WHERE id = @id", new { id = long.Parse(key, System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return Entry(row);
    }

    /// <summary>Removes an occurrence, audited; false when there is none with that id.</summary>
    public async Task<bool> RemoveAsync(long id, string actor, CancellationToken cancellationToken = default)
    {
        await using var write = await ShopWrite.BeginAsync(dataSource, actor, cancellationToken);
        var key = await AuditedRows.ChangeAsync(write, "shop_festivals", "t.id = @id", "delete",
            "DELETE FROM shop_festivals WHERE id = @id RETURNING id::text", new { id },
            removed => new DomainEvent("forecasting.festival.removed", "festival", removed, [], []), cancellationToken);
        if (key is null)
        {
            return false;
        }

        await write.CommitAsync(cancellationToken);
        return true;
    }

    private static FestivalEntry Entry((long Id, string Name, DateTime FirstDay, DateTime LastDay, DateTime CreatedAt) r) =>
        new(r.Id, r.Name, DateOnly.FromDateTime(r.FirstDay), DateOnly.FromDateTime(r.LastDay), r.CreatedAt);

    /// <summary>Adds occurrences the calendar does not have yet (the demo shop's festivals); returns how many were new.</summary>
    public static Task<int> SeedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<FestivalDays> festivals, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO shop_festivals (name, first_day, last_day)
            SELECT * FROM unnest(@names, @firstDays, @lastDays)
            ON CONFLICT (name, first_day) DO NOTHING
            """, new
        {
            names = festivals.Select(f => f.Name).ToArray(),
            firstDays = festivals.Select(f => ForecastRuns.Day(f.FirstDay)).ToArray(),
            lastDays = festivals.Select(f => ForecastRuns.Day(f.LastDay)).ToArray(),
        }, transaction, cancellationToken: cancellationToken));

    /// <summary>Occurrences that touch <paramref name="from"/> to <paramref name="to"/>, for a forecast run.</summary>
    internal static async Task<IReadOnlyList<FestivalDays>> DaysAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string Name, DateTime FirstDay, DateTime LastDay)>(new CommandDefinition(
            "SELECT name, first_day, last_day FROM shop_festivals WHERE last_day >= @from AND first_day <= @to ORDER BY first_day, name",
            new { from = ForecastRuns.Day(from), to = ForecastRuns.Day(to) }, transaction, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new FestivalDays(r.Name, DateOnly.FromDateTime(r.FirstDay), DateOnly.FromDateTime(r.LastDay)))];
    }

    private static DateTime? Day(DateOnly? day) => day is { } d ? ForecastRuns.Day(d) : null;
}
