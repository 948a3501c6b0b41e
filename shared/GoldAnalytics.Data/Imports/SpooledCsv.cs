using System.Security.Cryptography;
using System.Text;

namespace GoldAnalytics.Data.Imports;

/// <summary>Why a body cannot be imported as CSV at all.</summary>
public sealed class NotCsvException(string message, bool unsupportedMediaType) : Exception(message)
{
    /// <summary>True when the body is binary (415); false when it is text but no usable CSV (422).</summary>
    public bool UnsupportedMediaType { get; } = unsupportedMediaType;
}

/// <summary>
/// An uploaded file spooled to a temporary file in one pass: its SHA-256 (idempotent re-import) and
/// its encoding (UTF-8 with or without BOM when every byte decodes as UTF-8, else Windows-1252).
/// NUL bytes make it binary (an image, a spreadsheet, UTF-16 text) when they are in the header line
/// or the file is not UTF-8; a stray NUL in a data row of a UTF-8 file is that row's error.
/// </summary>
public sealed class SpooledCsv : IAsyncDisposable
{
    private const int BufferSize = 1 << 16;

    static SpooledCsv() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private SpooledCsv(string path, byte[] sha256, Encoding encoding, long length)
    {
        Path = path;
        Sha256 = sha256;
        Encoding = encoding;
        Length = length;
    }

    /// <summary>The temporary file.</summary>
    public string Path { get; }

    /// <summary>SHA-256 of the bytes as uploaded.</summary>
    public byte[] Sha256 { get; }

    /// <summary>The detected text encoding.</summary>
    public Encoding Encoding { get; }

    /// <summary>Size in bytes.</summary>
    public long Length { get; }

    /// <summary>Copies the body to a temporary file, hashing it and checking it is text.</summary>
    public static async Task<SpooledCsv> SpoolAsync(Stream body, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ga-import-{Guid.NewGuid():N}.csv");
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
            var isUtf8 = true;
            var chars = new char[BufferSize + 4];
            var buffer = new byte[BufferSize];
            long length = 0;
            bool nul = false, header = true;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    var chunk = buffer.AsSpan(0, read);
                    var lineEnd = header ? chunk.IndexOf((byte)'\n') : -1;
                    nul = nul || chunk.Contains((byte)0);
                    isUtf8 = isUtf8 && Decodes(utf8, chunk, chars);
                    if (nul && (!isUtf8 || (header && chunk[..(lineEnd < 0 ? chunk.Length : lineEnd)].Contains((byte)0))))
                    {
                        throw new NotCsvException("The file contains binary data (NUL bytes); upload a CSV text file.", unsupportedMediaType: true);
                    }

                    header = header && lineEnd < 0;
                    hash.AppendData(chunk);
                    length += read;
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            if (length == 0)
            {
                throw new NotCsvException("The file is empty; it needs a header row and at least one data row.", unsupportedMediaType: false);
            }

            var encoding = isUtf8 ? new UTF8Encoding(false) : Encoding.GetEncoding(1252);
            return new SpooledCsv(path, hash.GetHashAndReset(), encoding, length);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        File.Delete(Path);
        return ValueTask.CompletedTask;
    }

    private static bool Decodes(Decoder decoder, ReadOnlySpan<byte> chunk, char[] chars)
    {
        try
        {
            decoder.GetChars(chunk, chars, flush: false);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
