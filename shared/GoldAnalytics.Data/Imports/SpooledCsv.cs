using System.Security.Cryptography;
using System.Text;

namespace GoldAnalytics.Data.Imports;

/// <summary>Why a body cannot be imported as CSV at all.</summary>
public sealed class NotCsvException(string message, bool unsupportedMediaType, string code = NotCsvException.NotCsv, long? line = null) : Exception(message)
{
    /// <summary>The problem code of a text that is no usable CSV.</summary>
    public const string NotCsv = "not_csv";

    /// <summary>True when the body is binary (415); false when it is text but no usable CSV (422).</summary>
    public bool UnsupportedMediaType { get; } = unsupportedMediaType;

    /// <summary>Stable problem code: <c>not_csv</c>, <c>invalid_encoding</c> or <c>mixed_encoding</c>.</summary>
    public string Code { get; } = code;

    /// <summary>The file's line (the header is line 1) the problem was found on, when it is one line's.</summary>
    public long? Line { get; } = line;
}

/// <summary>
/// An uploaded file spooled to a temporary file in one pass: its SHA-256 (idempotent re-import) and its encoding
/// (see <see cref="CsvEncodingDetector"/>: UTF-8 or UTF-16 by byte order mark, else UTF-8 or Windows-1252; mixed refused).
/// </summary>
public sealed class SpooledCsv : IAsyncDisposable
{
    private const int BufferSize = 1 << 16;

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
            var encoding = new CsvEncodingDetector();
            var buffer = new byte[BufferSize];
            long length = 0;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    var chunk = buffer.AsSpan(0, read);
                    encoding.Append(chunk);
                    hash.AppendData(chunk);
                    length += read;
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            if (length == 0)
            {
                throw new NotCsvException("The file is empty; it needs a header row and at least one data row.", unsupportedMediaType: false);
            }

            return new SpooledCsv(path, hash.GetHashAndReset(), encoding.Finish(), length);
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
}
