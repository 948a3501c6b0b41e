using System.Globalization;
using System.Security;
using System.Text;
using System.Xml.Linq;

namespace GoldAnalytics.Adapters.BlobStorage;

/// <summary>The XML bodies of the blob service: list results in, service properties out.</summary>
internal static class BlobListing
{
    public static BlobPage Parse(string container, XDocument xml)
    {
        var root = xml.Root!;
        var items = root.Element("Blobs")?.Elements("Blob").Select(blob => Item(container, blob)).ToList() ?? [];
        var next = root.Element("NextMarker")?.Value;
        return new BlobPage(items, string.IsNullOrEmpty(next) ? null : next);
    }

    public static string UnquoteETag(string etag) => etag.Trim('"');

    public static string ServiceProperties(IReadOnlyList<BlobCorsRule> rules)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><StorageServiceProperties><Cors>");
        foreach (var rule in rules)
        {
            xml.Append("<CorsRule>")
                .Append(Element("AllowedOrigins", string.Join(',', rule.AllowedOrigins)))
                .Append(Element("AllowedMethods", string.Join(',', rule.AllowedMethods)))
                .Append(Element("AllowedHeaders", string.Join(',', rule.AllowedHeaders)))
                .Append(Element("ExposedHeaders", string.Join(',', rule.ExposedHeaders)))
                .Append(Element("MaxAgeInSeconds", rule.MaxAgeInSeconds.ToString(CultureInfo.InvariantCulture)))
                .Append("</CorsRule>");
        }

        return xml.Append("</Cors></StorageServiceProperties>").ToString();
    }

    private static BlobItem Item(string container, XElement blob)
    {
        var properties = blob.Element("Properties")!;
        var metadata = blob.Element("Metadata")?.Elements().ToDictionary(e => e.Name.LocalName, e => e.Value, StringComparer.OrdinalIgnoreCase)
                       ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        return new BlobItem(
            container,
            blob.Element("Name")!.Value,
            UnquoteETag(properties.Element("Etag")?.Value ?? ""),
            long.Parse(properties.Element("Content-Length")?.Value ?? "0", CultureInfo.InvariantCulture),
            properties.Element("Content-Type")?.Value,
            DateTimeOffset.Parse(properties.Element("Last-Modified")!.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            metadata);
    }

    private static string Element(string name, string value) => $"<{name}>{SecurityElement.Escape(value)}</{name}>";
}
