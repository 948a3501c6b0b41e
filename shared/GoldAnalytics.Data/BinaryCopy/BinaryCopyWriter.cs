using System.Buffers.Binary;
using System.Text;
using GoldAnalytics.Data.DemoData.Rows;

namespace GoldAnalytics.Data.BinaryCopy;

/// <summary>
/// Encodes rows straight into PostgreSQL's binary COPY format. Bulk loads spend most of their client
/// time turning values into bytes; writing the format directly avoids a type lookup and a buffer
/// check per value.
/// </summary>
public sealed class BinaryCopyWriter(Stream output) : IRowWriter, IDisposable
{
    /// <summary>What a binary COPY stream starts with, before its flags and header extension.</summary>
    internal static ReadOnlySpan<byte> Signature => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
    /// <summary>The day PostgreSQL counts dates from, 2000-01-01, as a day number.</summary>
    internal static readonly int PostgresEpochDay = new DateOnly(2000, 1, 1).DayNumber;
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;

    /// <summary>Writes the COPY header; call once before the first row.</summary>
    public void Begin()
    {
        Ensure(19);
        Signature.CopyTo(_buffer.AsSpan(_used));
        _used += Signature.Length;
        PutInt32(0);
        PutInt32(0);
    }

    /// <summary>Starts a row of the given number of columns.</summary>
    public void StartRow(int columns)
    {
        Ensure(2);
        PutInt16((short)columns);
    }

    /// <summary>Writes the trailer and flushes everything to the stream.</summary>
    public void End()
    {
        Ensure(2);
        PutInt16(-1);
        Flush();
    }

    /// <summary>Half the buffer is taken: a writer that must not block on the stream awaits <see cref="FlushAsync"/> before the next row, so no row fills it.</summary>
    public bool ShouldFlush => _used >= _buffer.Length / 2;

    /// <summary>Writes what is buffered to the stream without blocking the thread.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await output.WriteAsync(_buffer.AsMemory(0, _used), cancellationToken);
        _used = 0;
    }

    /// <summary>Writes the trailer and flushes everything to the stream without blocking the thread.</summary>
    public ValueTask EndAsync(CancellationToken cancellationToken)
    {
        Ensure(2);
        PutInt16(-1);
        return FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void Short(short value)
    {
        Ensure(6);
        PutInt32(2);
        PutInt16(value);
    }

    /// <inheritdoc />
    public void Int(int value)
    {
        Ensure(8);
        PutInt32(4);
        PutInt32(value);
    }

    /// <inheritdoc />
    public void Long(long value)
    {
        Ensure(12);
        PutInt32(8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_used), value);
        _used += 8;
    }

    /// <inheritdoc />
    public void Bool(bool value)
    {
        Ensure(5);
        PutInt32(1);
        _buffer[_used++] = value ? (byte)1 : (byte)0;
    }

    /// <inheritdoc />
    public void Text(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Ensure(4 + length);
        PutInt32(length);
        _used += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_used));
    }

    /// <inheritdoc />
    public void Date(DateOnly value) => Int(value.DayNumber - PostgresEpochDay);

    /// <inheritdoc />
    public void Timestamp(DateTime utc)
    {
        if (utc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("timestamptz values must be UTC.", nameof(utc));
        }

        Long((utc.Ticks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond);
    }

    /// <inheritdoc />
    public void Null()
    {
        Ensure(4);
        PutInt32(-1);
    }

    /// <inheritdoc />
    public void Decimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        PutNumeric(mantissa, value < 0, (bits[3] >> 16) & 0xFF);
    }

    /// <summary>A numeric of <paramref name="units"/> of 10^-scale, at that scale: cents at 2, milligrams at 3 (<see cref="ScaledNumeric"/> reads them back).</summary>
    public void Numeric(long units, int scale) => PutNumeric((UInt128)Math.Abs(units), units < 0, scale);

    /// <summary>A text field from its UTF-8 bytes.</summary>
    public void Text(ReadOnlySpan<byte> utf8)
    {
        Ensure(4 + utf8.Length);
        PutInt32(utf8.Length);
        utf8.CopyTo(_buffer.AsSpan(_used));
        _used += utf8.Length;
    }

    /// <inheritdoc />
    public void Dispose() => Flush();

    // numeric: digit count, weight of the first base-10000 digit, sign, display scale, then the digits.
    private void PutNumeric(UInt128 mantissa, bool negative, int scale)
    {
        Span<short> digits = stackalloc short[10];
        var count = NumericDigits(mantissa, scale, digits, out var weight);
        Ensure(4 + 8 + (2 * count));
        PutInt32(8 + (2 * count));
        PutInt16((short)count);
        PutInt16((short)weight);
        PutInt16(negative ? (short)0x4000 : (short)0);
        PutInt16((short)scale);
        for (var i = 0; i < count; i++)
        {
            PutInt16(digits[i]);
        }
    }

    // Splits mantissa × 10^-scale into base-10000 digits aligned on the decimal point, most
    // significant first, without leading or trailing zero digits.
    private static int NumericDigits(UInt128 mantissa, int scale, Span<short> digits, out int weight)
    {
        if (mantissa == 0)
        {
            weight = 0;
            return 0;
        }

        var fractionGroups = (scale + 3) / 4;
        var pad = (fractionGroups * 4) - scale;
        for (var i = 0; i < pad; i++)
        {
            mantissa *= 10;
        }

        Span<short> reversed = stackalloc short[10];
        var groups = 0;
        while (mantissa != 0)
        {
            reversed[groups++] = (short)(ushort)(mantissa % 10000);
            mantissa /= 10000;
        }

        var trailingZeros = 0;
        while (reversed[trailingZeros] == 0)
        {
            trailingZeros++;
        }

        weight = groups - fractionGroups - 1;
        var count = groups - trailingZeros;
        for (var i = 0; i < count; i++)
        {
            digits[i] = reversed[groups - 1 - i];
        }

        return count;
    }

    private void PutInt16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_used), value);
        _used += 2;
    }

    private void PutInt32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_used), value);
        _used += 4;
    }

    private void Ensure(int bytes)
    {
        if (_used + bytes > _buffer.Length)
        {
            Flush();
            if (bytes > _buffer.Length)
            {
                throw new InvalidOperationException($"A value of {bytes} bytes does not fit the copy buffer.");
            }
        }
    }

    private void Flush()
    {
        if (_used > 0)
        {
            output.Write(_buffer, 0, _used);
            _used = 0;
        }
    }
}
