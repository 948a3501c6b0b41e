using System.Buffers.Binary;

namespace GoldAnalytics.Data.BinaryCopy;

/// <summary>One row of a binary COPY, its fields read in order.</summary>
internal ref struct CopyRow
{
    private ReadOnlySpan<byte> _rest;

    public CopyRow(ReadOnlySpan<byte> fields, int fieldCount)
    {
        _rest = fields;
        FieldCount = fieldCount;
    }

    public int FieldCount { get; }

    public short ReadInt16() => BinaryPrimitives.ReadInt16BigEndian(Fixed(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Fixed(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Fixed(8));

    public long? ReadNullableInt64() => TryNext(out var value) ? BinaryPrimitives.ReadInt64BigEndian(Sized(value, 8)) : null;

    public DateOnly ReadDate() => DateOnly.FromDayNumber(BinaryCopyWriter.PostgresEpochDay + BinaryPrimitives.ReadInt32BigEndian(Fixed(4)));

    /// <summary>A numeric in units of 10^-scale (<see cref="ScaledNumeric"/>).</summary>
    public long ReadNumeric(int scale) => ScaledNumeric.Read(NotNull(), scale);

    /// <summary>A text field's UTF-8 bytes, valid until the next row.</summary>
    public ReadOnlySpan<byte> ReadBytes() => NotNull();

    private ReadOnlySpan<byte> Fixed(int size) => Sized(NotNull(), size);

    private static ReadOnlySpan<byte> Sized(ReadOnlySpan<byte> value, int size) =>
        value.Length == size ? value : throw new InvalidDataException($"A field of {value.Length} bytes where {size} were expected.");

    private ReadOnlySpan<byte> NotNull() => TryNext(out var value) ? value : throw new InvalidDataException("A null where a value was expected.");

    // False for a null.
    private bool TryNext(out ReadOnlySpan<byte> value)
    {
        var length = BinaryPrimitives.ReadInt32BigEndian(_rest);
        if (length < 0)
        {
            _rest = _rest[4..];
            value = default;
            return false;
        }

        value = _rest.Slice(4, length);
        _rest = _rest[(4 + length)..];
        return true;
    }
}

/// <summary>Hands each row of a binary COPY (<c>COPY … TO STDOUT (FORMAT BINARY)</c>) to a handler as it arrives.</summary>
internal delegate void CopyRowHandler(ref CopyRow row);

/// <summary>
/// Reads PostgreSQL's binary COPY format from a stream: the rows are parsed straight from the bytes in
/// a buffer of whole rows, with no per-field call into the driver; at millions of rows that per-field
/// work is most of what reading costs.
/// </summary>
internal sealed class BinaryCopyReader
{
    private readonly CopyRowHandler _handler;
    private readonly int _expectedFields;
    private bool _headerRead;
    private bool _finished;

    private BinaryCopyReader(CopyRowHandler handler, int expectedFields)
    {
        _handler = handler;
        _expectedFields = expectedFields;
    }

    /// <summary>Reads the stream to its end, handing every row, of exactly <paramref name="expectedFields"/> fields, to <paramref name="handler"/>; returns the rows read.</summary>
    public static async Task<long> ReadAllAsync(Stream stream, int expectedFields, CopyRowHandler handler, CancellationToken cancellationToken)
    {
        var reader = new BinaryCopyReader(handler, expectedFields);
        var buffer = new byte[1 << 16];
        int start = 0, end = 0;
        long rows = 0;
        while (true)
        {
            if (end == buffer.Length)
            {
                // A row longer than the buffer: room for it.
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
            if (read == 0)
            {
                return reader._finished && start == end ? rows : throw new EndOfStreamException("The copy ended before its trailer.");
            }

            end += read;
            if (reader._finished)
            {
                throw new InvalidDataException("Data after the copy's trailer.");
            }

            var (consumed, parsed) = reader.Parse(buffer.AsSpan(start, end - start));
            rows += parsed;
            start += consumed;
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
    }

    // Parses the whole rows at the start of the data; returns the bytes they took and how many there were.
    private (int Consumed, int Rows) Parse(ReadOnlySpan<byte> data)
    {
        var position = 0;
        if (!_headerRead)
        {
            const int fixedHeader = 19;
            if (data.Length < fixedHeader)
            {
                return (0, 0);
            }

            if (!data[..BinaryCopyWriter.Signature.Length].SequenceEqual(BinaryCopyWriter.Signature))
            {
                throw new InvalidDataException("Not a binary COPY stream.");
            }

            position = fixedHeader + BinaryPrimitives.ReadInt32BigEndian(data[15..]);
            if (data.Length < position)
            {
                return (0, 0);
            }

            _headerRead = true;
        }

        var rows = 0;
        while (data.Length - position >= 2)
        {
            var fields = BinaryPrimitives.ReadInt16BigEndian(data[position..]);
            if (fields == -1)
            {
                _finished = true;
                return (position + 2, rows);
            }

            if (fields != _expectedFields)
            {
                throw new InvalidDataException($"A row of {fields} fields where {_expectedFields} were expected.");
            }

            var end = RowEnd(data, position + 2, fields);
            if (end < 0)
            {
                break;
            }

            var row = new CopyRow(data[(position + 2)..end], fields);
            _handler(ref row);
            position = end;
            rows++;
        }

        return (position, rows);
    }

    // Where the row whose fields start at the offset ends, or -1 if the data does not hold all of it yet.
    private static int RowEnd(ReadOnlySpan<byte> data, int offset, int fields)
    {
        for (var i = 0; i < fields; i++)
        {
            if (data.Length - offset < 4)
            {
                return -1;
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(data[offset..]);
            offset += 4 + Math.Max(length, 0);
            if (offset > data.Length)
            {
                return -1;
            }
        }

        return offset;
    }
}
