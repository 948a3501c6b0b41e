using System.Net;
using GoldAnalytics.Functions.Tests.Entry;

namespace GoldAnalytics.Functions.Tests.Imports;

/// <summary>Every file of Imports/Corpus (listed in its manifest.tsv) is refused with the expected answer and writes nothing.</summary>
public sealed class BrokenCsvCorpusTests(EntryHost host) : IClassFixture<EntryHost>
{
    private static string CorpusFolder => Path.Combine(AppContext.BaseDirectory, "Imports", "Corpus");

    public static TheoryData<string, string, int, string> Defects()
    {
        var data = new TheoryData<string, string, int, string>();
        foreach (var line in File.ReadAllLines(Path.Combine(CorpusFolder, "manifest.tsv")).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var parts = line.Split('\t');
            data.Add(parts[0], parts[1], int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), parts[3]);
        }

        return data;
    }

    [Fact]
    public void The_corpus_holds_at_least_fifty_distinct_defects()
    {
        var defects = Defects();
        defects.Count.Should().BeGreaterThanOrEqualTo(50);
        Directory.GetFiles(CorpusFolder, "*.csv").Length.Should().Be(defects.Count);
        Directory.GetFiles(CorpusFolder, "*.csv").Select(File.ReadAllBytes).Select(Convert.ToBase64String).Distinct().Count().Should().Be(defects.Count);
    }

    [Theory]
    [MemberData(nameof(Defects))]
    public async Task A_broken_file_is_refused_with_its_reason_and_nothing_is_written(string file, string kind, int status, string expected)
    {
        var before = await host.RowCountsAsync();

        var response = await host.ImportAsync(kind, await File.ReadAllBytesAsync(Path.Combine(CorpusFolder, file)));

        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(status, body);
        body.Should().Contain(expected);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await host.RowCountsAsync()).Should().BeEquivalentTo(before);
    }
}
