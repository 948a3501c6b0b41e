using System.Globalization;
using System.Text;

namespace GoldAnalytics.Data.Imports;

/// <summary>
/// Finds a CSV file's text encoding as its bytes stream past, and refuses a file that is not valid in that encoding
/// or mixes encodings. A byte order mark declares UTF-8 or UTF-16 (LE/BE); without one the file is UTF-8 when every
/// byte decodes as UTF-8, and Windows-1252 when none of its non-ASCII text does. A file with both, UTF-8 lines and
/// lines that are not, is refused: read either way some of its rows would be stored garbled.
/// </summary>
internal sealed class CsvEncodingDetector
{
    private enum Form { Undecided, Utf8Declared, Utf8OrLegacy, Utf16LittleEndian, Utf16BigEndian }

    private readonly byte[] _prefix = new byte[3];
    private int _prefixLength;
    private Form _form;
    private long _line = 1;

    // UTF-8: continuation bytes still due for the sequence under way, and the range its next byte must be in.
    private int _continuations;
    private byte _nextLow = 0x80;
    private byte _nextHigh = 0xBF;
    private long? _firstUtf8Line;
    private long? _firstNotUtf8Line;
    private long? _firstUndefinedLegacyLine;
    private byte _undefinedLegacyByte;

    // UTF-16: the first byte of a code unit split across chunks, and whether a high surrogate waits for its pair.
    private int _pendingByte = -1;
    private bool _highSurrogate;
    private long? _firstBadUtf16Line;

    private bool _nulInDataRow;

    static CsvEncodingDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Stable problem code: the file is not valid text in the encoding it declares or was found in.</summary>
    public const string InvalidEncoding = "invalid_encoding";

    /// <summary>Stable problem code: some lines are UTF-8 and others are not.</summary>
    public const string MixedEncoding = "mixed_encoding";

    /// <summary>Reads the next bytes of the file; throws at once for binary data (NUL in the header or in UTF-16).</summary>
    public void Append(ReadOnlySpan<byte> chunk)
    {
        if (_form == Form.Undecided)
        {
            var taken = Math.Min(chunk.Length, _prefix.Length - _prefixLength);
            chunk[..taken].CopyTo(_prefix.AsSpan(_prefixLength));
            _prefixLength += taken;
            chunk = chunk[taken..];
            if (_prefixLength < _prefix.Length)
            {
                return;
            }

            DecideFromPrefix();
        }

        Read(chunk);
    }

    /// <summary>The encoding of the whole file; throws a <see cref="NotCsvException"/> naming the first bad line when there is none.</summary>
    public Encoding Finish()
    {
        if (_form == Form.Undecided)
        {
            DecideFromPrefix();
        }

        switch (_form)
        {
            case Form.Utf16LittleEndian or Form.Utf16BigEndian:
                if (_pendingByte >= 0 || _highSurrogate)
                {
                    _firstBadUtf16Line ??= _line;
                }

                return _firstBadUtf16Line is { } badUtf16
                    ? throw Refuse(InvalidEncoding, badUtf16, $"Line {Show(badUtf16)} is not valid UTF-16, though the file starts with a UTF-16 byte order mark (an unpaired surrogate or a cut-off character).")
                    : new UnicodeEncoding(_form == Form.Utf16BigEndian, byteOrderMark: false);
            case Form.Utf8Declared:
                if (_continuations > 0)
                {
                    _firstNotUtf8Line ??= _line;
                }

                return _firstNotUtf8Line is { } badUtf8
                    ? throw Refuse(InvalidEncoding, badUtf8, $"Line {Show(badUtf8)} is not valid UTF-8, though the file starts with a UTF-8 byte order mark.")
                    : new UTF8Encoding(false);
            default:
                return Sniffed();
        }
    }

    private Encoding Sniffed()
    {
        if (_continuations > 0)
        {
            _firstNotUtf8Line ??= _line;
        }

        if (_firstNotUtf8Line is not { } notUtf8)
        {
            return new UTF8Encoding(false);
        }

        if (_nulInDataRow)
        {
            throw Binary();
        }

        if (_firstUtf8Line is { } utf8)
        {
            // The line that breaks with what the lines before it were written in.
            var bad = Math.Max(utf8, notUtf8);
            throw Refuse(MixedEncoding, bad,
                $"Line {Show(bad)} is encoded differently from the lines before it: line {Show(utf8)} is UTF-8 and line {Show(notUtf8)} is not "
                + "(a single-byte code page such as Windows-1252 or Latin-1), so the file mixes encodings. Save the whole file as UTF-8 (Excel: CSV UTF-8) and upload it again.");
        }

        return _firstUndefinedLegacyLine is { } undefined
            ? throw Refuse(InvalidEncoding, undefined,
                $"Line {Show(undefined)} is neither UTF-8 nor Windows-1252 text (byte 0x{_undefinedLegacyByte:X2} is no character in Windows-1252). Save the file as UTF-8 and upload it again.")
            : Encoding.GetEncoding(1252);
    }

    private void DecideFromPrefix()
    {
        var prefix = _prefix.AsSpan(0, _prefixLength);
        var (form, bom) = prefix switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (Form.Utf8Declared, 3),
            [0xFF, 0xFE, ..] => (Form.Utf16LittleEndian, 2),
            [0xFE, 0xFF, ..] => (Form.Utf16BigEndian, 2),
            _ => (Form.Utf8OrLegacy, 0),
        };
        _form = form;
        Read(prefix[bom..]);
    }

    private void Read(ReadOnlySpan<byte> bytes)
    {
        if (_form is Form.Utf16LittleEndian or Form.Utf16BigEndian)
        {
            ReadUtf16(bytes);
            return;
        }

        foreach (var b in bytes)
        {
            if (b == 0)
            {
                // In the header a NUL means binary data; in a data row of UTF-8 text it is that row's error, named there.
                _nulInDataRow = _line > 1 ? true : throw Binary();
            }

            ReadUtf8(b);
            if (b == (byte)'\n')
            {
                _line++;
            }
        }
    }

    private void ReadUtf8(byte b)
    {
        if (_continuations > 0)
        {
            if (b >= _nextLow && b <= _nextHigh)
            {
                _continuations--;
                (_nextLow, _nextHigh) = (0x80, 0xBF);
                if (_continuations == 0)
                {
                    _firstUtf8Line ??= _line;
                }

                return;
            }

            // The sequence broke off: the byte may still start a sequence of its own.
            _firstNotUtf8Line ??= _line;
            _continuations = 0;
            (_nextLow, _nextHigh) = (0x80, 0xBF);
        }

        if (b is 0x81 or 0x8D or 0x8F or 0x90 or 0x9D && _firstUndefinedLegacyLine is null)
        {
            _firstUndefinedLegacyLine = _line;
            _undefinedLegacyByte = b;
        }

        // Lead bytes and the range of the byte after them (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
        (_continuations, _nextLow, _nextHigh) = b switch
        {
            < 0x80 => (0, (byte)0x80, (byte)0xBF),
            >= 0xC2 and <= 0xDF => (1, (byte)0x80, (byte)0xBF),
            0xE0 => (2, (byte)0xA0, (byte)0xBF),
            0xED => (2, (byte)0x80, (byte)0x9F),
            >= 0xE1 and <= 0xEF => (2, (byte)0x80, (byte)0xBF),
            0xF0 => (3, (byte)0x90, (byte)0xBF),
            >= 0xF1 and <= 0xF3 => (3, (byte)0x80, (byte)0xBF),
            0xF4 => (3, (byte)0x80, (byte)0x8F),
            _ => (-1, (byte)0x80, (byte)0xBF),
        };
        if (_continuations < 0)
        {
            _firstNotUtf8Line ??= _line;
            _continuations = 0;
        }
    }

    private void ReadUtf16(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (_pendingByte < 0)
            {
                _pendingByte = b;
                continue;
            }

            var unit = _form == Form.Utf16LittleEndian ? (char)(_pendingByte | (b << 8)) : (char)((_pendingByte << 8) | b);
            _pendingByte = -1;
            if (unit == '\0')
            {
                throw Binary();
            }

            if (char.IsLowSurrogate(unit) != _highSurrogate)
            {
                _firstBadUtf16Line ??= _line;
            }

            _highSurrogate = char.IsHighSurrogate(unit);
            if (unit == '\n')
            {
                _line++;
            }
        }
    }

    private static NotCsvException Binary() =>
        new("The file contains binary data (NUL bytes); upload a CSV text file (UTF-16 only with its byte order mark).", unsupportedMediaType: true);

    private static NotCsvException Refuse(string code, long line, string message) =>
        new(message + " Nothing was imported.", unsupportedMediaType: false, code, line);

    private static string Show(long line) => line.ToString(CultureInfo.InvariantCulture);
}
