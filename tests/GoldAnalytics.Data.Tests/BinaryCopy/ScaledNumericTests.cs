using GoldAnalytics.Data.BinaryCopy;

namespace GoldAnalytics.Data.Tests.BinaryCopy;

/// <summary>Numerics as whole units of 10^-scale: what the writer writes reads back, and values the scale cannot hold are refused.</summary>
public sealed class ScaledNumericTests
{
    public static TheoryData<long, int> Values => new()
    {
        { 0, 2 }, { 1, 2 }, { -1, 2 }, { 5, 2 }, { 100, 2 }, { 1_234, 2 }, { 99_99, 2 }, { 1_000_000, 2 }, { 100_000_000, 2 },
        { 9_999_999_999_999_999, 2 }, { -9_999_999_999_999_999, 2 }, { 4_125, 3 }, { 1, 3 }, { 10_000, 3 }, { -250, 3 }, { 123_456_789_012, 3 },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_written_value_reads_back_unchanged(long units, int scale)
    {
        var bytes = Written(units, scale);

        ScaledNumeric.Read(bytes, scale).Should().Be(units);
    }

    [Fact]
    public void Values_are_written_as_postgres_stores_them_without_zero_digit_groups()
    {
        // 10000.00: one digit group (1) of weight 1, positive, display scale 2.
        var bytes = Written(1_000_000, 2);

        bytes.Should().Equal(0, 1, 0, 1, 0, 0, 0, 2, 0, 1);
    }

    [Fact]
    public void A_value_with_more_decimals_than_the_scale_is_refused()
    {
        // 0.0005: one digit group (5) of weight -1.
        byte[] value = [0, 1, 0xFF, 0xFF, 0, 0, 0, 4, 0, 5];

        var read = () => ScaledNumeric.Read(value, 2);

        read.Should().Throw<InvalidDataException>();
        ScaledNumeric.Read(value, 4).Should().Be(5);
    }

    [Fact]
    public void Not_a_number_is_refused()
    {
        byte[] nan = [0, 0, 0, 0, 0xC0, 0, 0, 0];

        var read = () => ScaledNumeric.Read(nan, 2);

        read.Should().Throw<InvalidDataException>();
    }

    // The value's bytes of a one-field row written by BinaryCopyWriter.Numeric: after the 19-byte
    // header, the row's field count (2 bytes) and the field's length (4 bytes).
    private static byte[] Written(long units, int scale)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryCopyWriter(stream))
        {
            writer.Begin();
            writer.StartRow(1);
            writer.Numeric(units, scale);
            writer.End();
        }

        var copy = stream.ToArray();
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(copy.AsSpan(21));
        return copy.AsSpan(25, length).ToArray();
    }
}
