using Dapper;
using GoldAnalytics.Data.BinaryCopy;
using GoldAnalytics.Testing;
using Npgsql;

namespace GoldAnalytics.Data.Tests.BinaryCopy;

/// <summary>Rows copied out of PostgreSQL in binary read back with their values, across buffer boundaries.</summary>
public sealed class BinaryCopyReaderTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Every_field_kind_reads_back_as_postgres_sent_it()
    {
        var rows = await ReadAsync(
            """
            COPY (SELECT date '2024-02-29', 7, smallint '22', bigint '9000000000', NULL::bigint, 'Dürr · 22K ذهب'::text,
                         numeric '1234567.89', numeric '-0.05', numeric '10000', numeric '4.125', numeric '0')
              TO STDOUT (FORMAT BINARY)
            """,
            11,
            (ref CopyRow row) => (row.ReadDate(), row.ReadInt32(), row.ReadInt16(), row.ReadInt64(), row.ReadNullableInt64(),
                System.Text.Encoding.UTF8.GetString(row.ReadBytes()), row.ReadNumeric(2), row.ReadNumeric(2), row.ReadNumeric(2), row.ReadNumeric(3), row.ReadNumeric(2)));

        rows.Should().Equal((new DateOnly(2024, 2, 29), 7, (short)22, 9_000_000_000L, (long?)null, "Dürr · 22K ذهب", 123_456_789L, -5L, 1_000_000L, 4_125L, 0L));
    }

    [Fact]
    public async Task Many_rows_arrive_whole_however_the_reads_split_them()
    {
        var rows = await ReadAsync(
            "COPY (SELECT i, repeat('x', i % 300), (i * 0.01)::numeric(14,2) FROM generate_series(1, 100000) i) TO STDOUT (FORMAT BINARY)",
            3,
            (ref CopyRow row) => (row.ReadInt32(), row.ReadBytes().Length, row.ReadNumeric(2)));

        rows.Should().HaveCount(100_000);
        rows.Should().OnlyContain(r => r.Item2 == r.Item1 % 300 && r.Item3 == r.Item1);
        rows.Select(r => r.Item1).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task A_row_of_other_fields_than_expected_is_refused()
    {
        var read = () => ReadAsync("COPY (SELECT 1, 2) TO STDOUT (FORMAT BINARY)", 3, (ref CopyRow row) => row.ReadInt32());

        await read.Should().ThrowAsync<InvalidDataException>();
    }

    [Fact]
    public async Task Numerics_written_in_cents_and_milligrams_are_stored_with_the_columns_scale()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync("CREATE TEMP TABLE sums (money numeric(16,2), weight numeric(16,3))");
        long[] cents = [0, 1, -1, 5, 1_234, 1_000_000, 9_999_999_999_999_999];
        await using (var stream = await connection.BeginRawBinaryCopyAsync("COPY sums (money, weight) FROM STDIN (FORMAT BINARY)"))
        {
            using var writer = new BinaryCopyWriter(stream);
            writer.Begin();
            foreach (var value in cents)
            {
                writer.StartRow(2);
                writer.Numeric(value, 2);
                writer.Numeric(value, 3);
            }

            writer.End();
        }

        var stored = await connection.QueryAsync<(string Money, string Weight)>("SELECT money::text, weight::text FROM sums");

        stored.Should().Equal(
            ("0.00", "0.000"), ("0.01", "0.001"), ("-0.01", "-0.001"), ("0.05", "0.005"), ("12.34", "1.234"), ("10000.00", "1000.000"),
            ("99999999999999.99", "9999999999999.999"));
    }

    private async Task<List<T>> ReadAsync<T>(string copy, int fields, CopyRowReader<T> read)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var rows = new List<T>();
        await using var stream = await connection.BeginRawBinaryCopyAsync(copy);
        await BinaryCopyReader.ReadAllAsync(stream, fields, (ref CopyRow row) => rows.Add(read(ref row)), CancellationToken.None);
        return rows;
    }

    private delegate T CopyRowReader<out T>(ref CopyRow row);
}
