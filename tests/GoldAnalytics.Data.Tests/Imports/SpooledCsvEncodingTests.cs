using System.Text;
using GoldAnalytics.Data.Imports;

namespace GoldAnalytics.Data.Tests.Imports;

public sealed class SpooledCsvEncodingTests
{
    private const string Header = "code,name\r\n";
    private static readonly byte[] Utf8Zoe = Encoding.UTF8.GetBytes("C-1,Zoë\r\n");
    private static readonly byte[] Latin1Zoe = [.. "C-2,Zo"u8, 0xEB, .. "\r\n"u8];

    static SpooledCsvEncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TheoryData<string, byte[]> Declared() => new()
    {
        { "UTF-8 without a byte order mark", Encoding.UTF8.GetBytes(Header + "C-1,Zoë Müller 😀\r\n") },
        { "UTF-8 with a byte order mark", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Header + "C-1,Zoë Müller 😀\r\n")] },
        { "UTF-16 LE with a byte order mark", [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(Header + "C-1,Zoë Müller 😀\r\n")] },
        { "UTF-16 BE with a byte order mark", [.. Encoding.BigEndianUnicode.Preamble, .. Encoding.BigEndianUnicode.GetBytes(Header + "C-1,Zoë Müller 😀\r\n")] },
    };

    [Theory]
    [MemberData(nameof(Declared))]
    public async Task A_unicode_file_reads_back_as_written_whether_it_arrives_whole_or_a_byte_at_a_time(string form, byte[] bytes)
    {
        foreach (var trickle in new[] { false, true })
        {
            await using var file = await SpoolAsync(bytes, trickle);

            Read(file).Should().Be(Header + "C-1,Zoë Müller 😀\r\n", form);
        }
    }

    [Fact]
    public async Task A_file_wholly_in_windows_1252_is_read_as_windows_1252()
    {
        await using var file = await SpoolAsync([.. Encoding.ASCII.GetBytes(Header), .. Latin1Zoe]);

        file.Encoding.CodePage.Should().Be(1252);
        Read(file).Should().Be(Header + "C-2,Zoë\r\n");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_utf8_row_then_a_latin1_row_is_refused_as_mixed_naming_the_latin1_line(bool trickle)
    {
        var refused = await RefusedAsync([.. Encoding.ASCII.GetBytes(Header), .. Utf8Zoe, .. Latin1Zoe], trickle);

        refused.Code.Should().Be("mixed_encoding");
        refused.Line.Should().Be(3);
        refused.UnsupportedMediaType.Should().BeFalse();
        refused.Message.Should().StartWith("Line 3 ").And.Contain("line 2 is UTF-8").And.Contain("Nothing was imported");
    }

    [Fact]
    public async Task A_latin1_row_then_a_utf8_row_is_refused_as_mixed_naming_the_utf8_line()
    {
        var refused = await RefusedAsync([.. Encoding.ASCII.GetBytes(Header), .. Latin1Zoe, .. Utf8Zoe]);

        refused.Code.Should().Be("mixed_encoding");
        refused.Line.Should().Be(3);
    }

    public static TheoryData<string, byte[], long> Invalid() => new()
    {
        { "UTF-8 byte order mark, then a Latin-1 row", [.. Encoding.UTF8.Preamble, .. Encoding.ASCII.GetBytes(Header), .. Utf8Zoe, .. Latin1Zoe], 3 },
        { "UTF-8 byte order mark, cut inside a character", [.. Encoding.UTF8.Preamble, .. Encoding.ASCII.GetBytes(Header), .. Encoding.UTF8.GetBytes("C-1,Zo"), 0xC3], 2 },
        { "UTF-16 with an unpaired surrogate", [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(Header + "C-1,Zoë\r\nC-2,"), 0x3D, 0xD8, .. Encoding.Unicode.GetBytes("x\r\n")], 3 },
        { "UTF-16 cut inside a code unit", [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(Header + "C-1,Zoë"), 0x41], 2 },
        { "no character in Windows-1252", [.. Encoding.ASCII.GetBytes(Header + "C-1,Zo"), 0xEB, .. "\r\nC-2,"u8, 0x81, .. "\r\n"u8], 3 },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task A_file_that_is_not_valid_in_its_encoding_is_refused_naming_the_line(string form, byte[] bytes, long line)
    {
        var refused = await RefusedAsync(bytes);

        refused.Code.Should().Be("invalid_encoding", form);
        refused.Line.Should().Be(line, form);
        refused.Message.Should().StartWith($"Line {line} ", form);
    }

    [Fact]
    public async Task A_nul_in_the_header_in_a_single_byte_file_or_in_utf16_and_utf16_without_its_byte_order_mark_are_refused_as_binary_data()
    {
        var headerNul = await RefusedAsync(Encoding.UTF8.GetBytes("co\0de,name\r\nC-1,Zo\r\n"));
        var legacyNul = await RefusedAsync([.. Encoding.UTF8.GetBytes(Header + "C-1,Zo"), 0xEB, .. Encoding.UTF8.GetBytes("\r\nC-2,A\0\r\n")]);
        var utf16Nul = await RefusedAsync([.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(Header + "C-1,Zo\0\r\n")]);
        var utf16WithoutBom = await RefusedAsync(Encoding.Unicode.GetBytes(Header));

        foreach (var refused in new[] { headerNul, legacyNul, utf16Nul, utf16WithoutBom })
        {
            refused.UnsupportedMediaType.Should().BeTrue();
            refused.Message.Should().Contain("binary data");
        }
    }

    [Fact]
    public async Task A_nul_in_a_data_row_of_utf8_text_is_left_to_that_row()
    {
        await using var spooled = await SpoolAsync(Encoding.UTF8.GetBytes(Header + "C-1,Zo\0ë\r\n"), trickle: true);

        spooled.Encoding.WebName.Should().Be("utf-8");
    }

    private static async Task<SpooledCsv> SpoolAsync(byte[] bytes, bool trickle = false)
    {
        await using Stream body = trickle ? new TrickleStream(bytes) : new MemoryStream(bytes);
        return await SpooledCsv.SpoolAsync(body, CancellationToken.None);
    }

    private static async Task<NotCsvException> RefusedAsync(byte[] bytes, bool trickle = false)
    {
        var spool = () => SpoolAsync(bytes, trickle);
        return (await spool.Should().ThrowAsync<NotCsvException>()).Which;
    }

    // The stored file keeps its byte order mark, which decodes to U+FEFF (the header reader drops it).
    private static string Read(SpooledCsv file) => file.Encoding.GetString(File.ReadAllBytes(file.Path)).TrimStart('\uFEFF');

    /// <summary>A body that arrives one byte per read, as a slow upload may.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
