using GoldAnalytics.Data.DemoData.Rows;
using Npgsql;
using NpgsqlTypes;

namespace GoldAnalytics.Data.DemoData.Loading;

/// <summary>Writes rows into a binary COPY stream.</summary>
internal sealed class CopyRowWriter(NpgsqlBinaryImporter importer) : IRowWriter
{
    public void Short(short value) => importer.Write(value, NpgsqlDbType.Smallint);

    public void Int(int value) => importer.Write(value, NpgsqlDbType.Integer);

    public void Long(long value) => importer.Write(value, NpgsqlDbType.Bigint);

    public void Decimal(decimal value) => importer.Write(value, NpgsqlDbType.Numeric);

    public void Text(string value) => importer.Write(value, NpgsqlDbType.Text);

    public void Bool(bool value) => importer.Write(value, NpgsqlDbType.Boolean);

    public void Date(DateOnly value) => importer.Write(value, NpgsqlDbType.Date);

    public void Timestamp(DateTime utc) => importer.Write(utc, NpgsqlDbType.TimestampTz);

    public void Null() => importer.WriteNull();
}
