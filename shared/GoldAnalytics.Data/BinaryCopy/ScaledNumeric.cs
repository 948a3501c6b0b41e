using System.Buffers.Binary;

namespace GoldAnalytics.Data.BinaryCopy;

/// <summary>
/// PostgreSQL's binary <c>numeric</c> as a whole number of units of 10^-scale (cents at scale 2,
/// milligrams at scale 3): the money and weight columns are <c>numeric(…, 2)</c> and
/// <c>numeric(…, 3)</c>, so their sums are exact in a <see cref="long"/> and cost an integer addition
/// each instead of a decimal one.
/// </summary>
internal static class ScaledNumeric
{
    /// <summary>The most bytes <see cref="Write"/> takes.</summary>
    public const int MaxBytes = 8 + (2 * 5);

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

    /// <summary>Writes <paramref name="units"/> of 10^-scale as a numeric's binary value with that scale; returns the bytes written.</summary>
    public static int Write(Span<byte> destination, long units, int scale)
    {
        // Ten-thousandths split into base-10000 groups, least significant first; the lowest is the first fraction group.
        Span<short> groups = stackalloc short[5];
        var count = 0;
        var magnitude = checked((ulong)Math.Abs(units) * (ulong)PowersOfTen[GroupDigits - scale]);
        for (; magnitude > 0; magnitude /= 10_000)
        {
            groups[count++] = (short)(magnitude % 10_000);
        }

        var weight = (short)(count - 2);
        var trailingZeros = 0;
        while (trailingZeros < count && groups[trailingZeros] == 0)
        {
            trailingZeros++;
        }

        var digits = count - trailingZeros;
        BinaryPrimitives.WriteInt16BigEndian(destination, (short)digits);
        BinaryPrimitives.WriteInt16BigEndian(destination[2..], digits == 0 ? (short)0 : weight);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], units < 0 ? Negative : Positive);
        BinaryPrimitives.WriteInt16BigEndian(destination[6..], (short)scale);
        for (var i = 0; i < digits; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(destination[(8 + (2 * i))..], groups[count - 1 - i]);
        }

        return 8 + (2 * digits);
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
