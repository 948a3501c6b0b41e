using System.Buffers.Binary;

namespace GoldAnalytics.Data.BinaryCopy;

/// <summary>
/// Reads PostgreSQL's binary <c>numeric</c> as a whole number of units of 10^-scale (cents at scale 2,
/// milligrams at scale 3): the money and weight columns are <c>numeric(…, 2)</c> and
/// <c>numeric(…, 3)</c>, so their sums are exact in a <see cref="long"/> and cost an integer addition
/// each instead of a decimal one. <see cref="BinaryCopyWriter.Numeric"/> writes them.
/// </summary>
internal static class ScaledNumeric
{
    private const int GroupDigits = 4;
    private const ushort Positive = 0x0000, Negative = 0x4000;
    private static readonly long[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    /// <summary>Reads a numeric's binary value; throws if it is not a finite number or has more decimals than the scale.</summary>
    public static long Read(ReadOnlySpan<byte> value, int scale)
    {
        var groups = BinaryPrimitives.ReadInt16BigEndian(value);
        var weight = BinaryPrimitives.ReadInt16BigEndian(value[2..]);
        var sign = BinaryPrimitives.ReadUInt16BigEndian(value[4..]);
        if (sign is not (Positive or Negative) || value.Length != 8 + (2 * groups))
        {
            throw new InvalidDataException("Not a finite numeric value.");
        }

        // The groups are base-10000 digits, the first at 10000^weight: read them as one integer of
        // ten-thousandths, then bring it to the scale.
        long tenThousandths = 0;
        for (var i = 0; i < groups; i++)
        {
            tenThousandths = checked((tenThousandths * 10_000) + BinaryPrimitives.ReadInt16BigEndian(value[(8 + (2 * i))..]));
        }

        var fractionGroups = groups - 1 - weight;
        var units = fractionGroups switch
        {
            <= 0 => checked(tenThousandths * Pow(10_000, -fractionGroups) * PowersOfTen[scale]),
            _ => Rescale(tenThousandths, (GroupDigits * fractionGroups) - scale),
        };
        return sign == Negative ? -units : units;
    }

    // Drops decimal places the value must not have, or adds the ones the scale asks for.
    private static long Rescale(long value, int dropDigits)
    {
        if (dropDigits <= 0)
        {
            return checked(value * PowersOfTen[-dropDigits]);
        }

        var divisor = dropDigits < PowersOfTen.Length ? PowersOfTen[dropDigits] : long.MaxValue;
        return value % divisor == 0 ? value / divisor : throw new InvalidDataException("The numeric value has more decimals than its scale.");
    }

    private static long Pow(long value, int exponent)
    {
        var result = 1L;
        for (var i = 0; i < exponent; i++)
        {
            result = checked(result * value);
        }

        return result;
    }
}
