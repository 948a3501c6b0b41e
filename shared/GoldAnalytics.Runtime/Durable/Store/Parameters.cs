using Npgsql;
using NpgsqlTypes;

namespace GoldAnalytics.Runtime.Durable.Store;

/// <summary>Positional parameters for batched commands ($1, $2 …): no SQL rewriting on the hot path.</summary>
internal static class Parameters
{
    public static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    public static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    public static NpgsqlParameter Int(int value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Integer };

    public static NpgsqlParameter Uuid(Guid value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Uuid };

    public static NpgsqlParameter Texts(IEnumerable<string?> values) => Array(values.ToArray(), NpgsqlDbType.Text);

    public static NpgsqlParameter Ints(IEnumerable<int> values) => Array(values.ToArray(), NpgsqlDbType.Integer);

    public static NpgsqlParameter Longs(IEnumerable<long> values) => Array(values.ToArray(), NpgsqlDbType.Bigint);

    public static NpgsqlParameter Uuids(IEnumerable<Guid?> values) => Array(values.ToArray(), NpgsqlDbType.Uuid);

    public static NpgsqlParameter Bools(IEnumerable<bool> values) => Array(values.ToArray(), NpgsqlDbType.Boolean);

    public static NpgsqlParameter Times(IEnumerable<DateTime> values) =>
        Array(values.Select(v => DateTime.SpecifyKind(v, DateTimeKind.Utc)).ToArray(), NpgsqlDbType.TimestampTz);

    private static NpgsqlParameter Array<T>(T[] values, NpgsqlDbType elementType) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | elementType };
}
