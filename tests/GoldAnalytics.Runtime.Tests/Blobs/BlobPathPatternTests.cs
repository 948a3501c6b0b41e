using GoldAnalytics.Runtime.Blobs;

namespace GoldAnalytics.Runtime.Tests.Blobs;

public sealed class BlobPathPatternTests
{
    [Fact]
    public void A_name_placeholder_takes_the_whole_blob_name_including_folders()
    {
        var pattern = BlobPathPattern.Parse("product-photos/{name}");

        pattern.Container.Should().Be("product-photos");
        pattern.Prefix.Should().BeEmpty();
        pattern.Match("product-photos", "rings/22k/RNG-0042.jpg").Should().Equal(new Dictionary<string, string> { ["name"] = "rings/22k/RNG-0042.jpg" });
    }

    [Fact]
    public void Several_placeholders_and_literals_split_the_name_and_give_the_listing_prefix()
    {
        var pattern = BlobPathPattern.Parse("imports/sales/{branch}/{name}.csv");

        pattern.Prefix.Should().Be("sales/");
        pattern.Match("imports", "sales/downtown/2026-03.csv").Should().Equal(new Dictionary<string, string> { ["branch"] = "downtown", ["name"] = "2026-03" });
        pattern.Match("imports", "sales/downtown/2026-03.xlsx").Should().BeNull();
        pattern.Match("imports", "stock/downtown/2026-03.csv").Should().BeNull();
        pattern.Match("exports", "sales/downtown/2026-03.csv").Should().BeNull();
    }

    [Theory]
    [InlineData("{container}/{name}")]
    [InlineData("product-photos")]
    [InlineData("product-photos/")]
    [InlineData("product-photos/{name")]
    [InlineData("product-photos/{name}/{name}")]
    public void A_path_that_is_not_a_literal_container_and_a_name_pattern_is_refused_naming_it(string path)
    {
        var act = () => BlobPathPattern.Parse(path);

        act.Should().Throw<FormatException>().WithMessage($"*'{path}'*");
    }
}
