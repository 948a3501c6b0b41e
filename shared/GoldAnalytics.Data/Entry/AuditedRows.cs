using System.Globalization;
using GoldAnalytics.Data.Outbox;

namespace GoldAnalytics.Data.Entry;

/// <summary>Inserts, updates and deletes of one row with its audit entry and domain event, for the simple entry tables.</summary>
public static class AuditedRows
{
    /// <summary>Soft-deletes the live row with this id, audited, with its event; null when there is no such live row.</summary>
    /// <param name="table">The table, a constant of the caller (never input).</param>
    public static Task<string?> SoftDeleteAsync(ShopWrite write, string table, long id, Func<string, DomainEvent> domainEvent, CancellationToken cancellationToken) =>
        ChangeAsync(write, table, "t.id = @id AND t.deleted_at IS NULL", "delete",
            $"UPDATE {table} SET deleted_at = now() WHERE id = @id RETURNING id::text", new { id }, domainEvent, cancellationToken);

    /// <summary>
    /// Runs <paramref name="sql"/> (which must return the changed row's key as text) between reading the row's
    /// image before (locked) and after, audits the change and emits the event. Null when the row does not exist.
    /// </summary>
    /// <param name="table">The table, a constant of the caller (never input).</param>
    /// <param name="where">The row's key condition on alias t, with the key in the parameters (e.g. <c>t.id = @id</c>).</param>
    public static async Task<string?> ChangeAsync(ShopWrite write, string table, string where, string action, string sql, object parameters,
        Func<string, DomainEvent> domainEvent, CancellationToken cancellationToken)
    {
        string? before = null;
        if (action != "insert")
        {
            before = await write.SingleAsync<string>($"SELECT to_jsonb(t)::text FROM {table} t WHERE {where} FOR UPDATE", parameters, cancellationToken);
            if (before is null)
            {
                return null;
            }
        }

        var key = await write.SingleAsync<string>(sql, parameters, cancellationToken);
        if (key is null)
        {
            return null;
        }

        var after = action == "delete" && !await HasRowAsync(write, table, key, cancellationToken)
            ? null
            : await write.SingleAsync<string>($"SELECT to_jsonb(t)::text FROM {table} t WHERE {KeyColumn(table)}::text = @key", new { key }, cancellationToken);
        await write.AuditAsync(table, key, action, before, after, cancellationToken);
        await write.EmitAsync(domainEvent(key), cancellationToken);
        return key;
    }

    /// <summary>The single-column key of the entry tables that have one (composite keys are audited by their text form).</summary>
    private static string KeyColumn(string table) => table switch
    {
        "gold_rates" => "(t.business_date, t.karat)",
        "targets" => "(t.branch_id, t.month, t.metric)",
        _ => "t.id",
    };

    private static Task<bool> HasRowAsync(ShopWrite write, string table, string key, CancellationToken cancellationToken) =>
        write.SingleAsync<bool>($"SELECT EXISTS (SELECT 1 FROM {table} t WHERE {KeyColumn(table)}::text = @key)", new { key }, cancellationToken);

    /// <summary>An id as the audit log and events name it.</summary>
    public static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}
