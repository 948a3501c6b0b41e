using Dapper;
using GoldAnalytics.Data.BinaryCopy;
using GoldAnalytics.Data.DemoData.Rows;
using GoldAnalytics.Testing;
using Npgsql;

namespace GoldAnalytics.Data.Tests.BinaryCopy;

public sealed class BinaryCopyWriterTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    public static TheoryData<decimal> Numbers => new()
    {
        0m, 0.00m, 1m, -1m, 0.5m, -0.05m, 0.0001m, 0.00001234m, 1.10m, 9999.9999m, 10000m, 10000.0001m,
        123456789012.34m, -98765.4321m, 217.7300m, 0.916m, 1_000_000m, 79228162514264337593543950335m,
        -79228162514264337593543950335m, 0.0000000000000000000000000001m, 7.9228162514264337593543950335m,
    };

    [Theory]
    [MemberData(nameof(Numbers))]
    public async Task Numerics_arrive_with_their_value_and_scale(decimal value)
    {
        var stored = await RoundTripAsync("numeric", w => w.Decimal(value));

        ((decimal)stored!).Should().Be(value);
        stored.ToString().Should().Be(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Every_other_type_arrives_as_written()
    {
        (await RoundTripAsync("smallint", w => w.Short(-12345))).Should().Be((short)-12345);
        (await RoundTripAsync("int", w => w.Int(int.MinValue))).Should().Be(int.MinValue);
        (await RoundTripAsync("bigint", w => w.Long(long.MaxValue))).Should().Be(long.MaxValue);
        (await RoundTripAsync("boolean", w => w.Bool(true))).Should().Be(true);
        (await RoundTripAsync("text", w => w.Text("Dürr · 22K ذهب"))).Should().Be("Dürr · 22K ذهب");
        (await RoundTripAsync("text", w => w.Text(""))).Should().Be("");
        (await RoundTripAsync("date", w => w.Date(new DateOnly(1999, 12, 31)))).Should().Be(new DateOnly(1999, 12, 31));
        (await RoundTripAsync("date", w => w.Date(new DateOnly(2026, 10, 31)))).Should().Be(new DateOnly(2026, 10, 31));
        var instant = new DateTime(2026, 11, 21, 6, 3, 59, DateTimeKind.Utc).AddTicks(1234560);
        (await RoundTripAsync("timestamptz", w => w.Timestamp(instant))).Should().Be(instant);
        (await RoundTripAsync("int", w => w.Null())).Should().Be(DBNull.Value);
    }

    [Fact]
    public void Local_timestamps_are_rejected()
    {
        using var writer = new BinaryCopyWriter(Stream.Null);

        var write = () => writer.Timestamp(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local));

        write.Should().Throw<ArgumentException>();
    }

    // The column type is one of the fixed names above, never input.
#pragma warning disable CA2100
    private async Task<object?> RoundTripAsync(string type, Action<IRowWriter> write)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync($"CREATE TEMP TABLE copied (value {type})");
        await using (var stream = await connection.BeginRawBinaryCopyAsync("COPY copied (value) FROM STDIN (FORMAT BINARY)"))
        {
            using var writer = new BinaryCopyWriter(stream);
            writer.Begin();
            writer.StartRow(1);
            write(writer);
            writer.End();
        }

        await using var read = new NpgsqlCommand("SELECT value FROM copied", connection);
        return await read.ExecuteScalarAsync();
    }
#pragma warning restore CA2100
}
