namespace GoldAnalytics.Data.DemoData.Rows;

/// <summary>Receives one row's values in column order (a COPY stream, or a checksum).</summary>
public interface IRowWriter
{
    /// <summary>Writes a smallint column.</summary>
    void Short(short value);

    /// <summary>Writes an int column.</summary>
    void Int(int value);

    /// <summary>Writes a bigint column.</summary>
    void Long(long value);

    /// <summary>Writes a numeric column.</summary>
    void Decimal(decimal value);

    /// <summary>Writes a text column.</summary>
    void Text(string value);

    /// <summary>Writes a boolean column.</summary>
    void Bool(bool value);

    /// <summary>Writes a date column.</summary>
    void Date(DateOnly value);

    /// <summary>Writes a timestamptz column from a UTC time.</summary>
    void Timestamp(DateTime utc);

    /// <summary>Writes SQL NULL.</summary>
    void Null();
}

/// <summary>A generated row that writes itself in its table's column order.</summary>
public interface IDemoRow
{
    /// <summary>Writes the row's values in the order of its table's columns.</summary>
    void WriteTo(IRowWriter row);
}

/// <summary>Nullable helpers over <see cref="IRowWriter"/>.</summary>
public static class RowWriterExtensions
{
    /// <summary>Writes a nullable bigint column.</summary>
    public static void Long(this IRowWriter row, long? value)
    {
        if (value is { } v)
        {
            row.Long(v);
        }
        else
        {
            row.Null();
        }
    }

    /// <summary>Writes a nullable int column.</summary>
    public static void Int(this IRowWriter row, int? value)
    {
        if (value is { } v)
        {
            row.Int(v);
        }
        else
        {
            row.Null();
        }
    }

    /// <summary>Writes a nullable date column.</summary>
    public static void Date(this IRowWriter row, DateOnly? value)
    {
        if (value is { } v)
        {
            row.Date(v);
        }
        else
        {
            row.Null();
        }
    }

    /// <summary>Writes a nullable text column.</summary>
    public static void NullableText(this IRowWriter row, string? value)
    {
        if (value is not null)
        {
            row.Text(value);
        }
        else
        {
            row.Null();
        }
    }
}
