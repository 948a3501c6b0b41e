using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace GoldAnalytics.Adapters.BlobStorage;

/// <summary>Signs blob service requests with the account key (Shared Key) and builds service SAS tokens.</summary>
internal sealed class SharedKeySignature(string accountName, string accountKey)
{
    private readonly byte[] _key = Convert.FromBase64String(accountKey);

    public string AccountName { get; } = accountName;

    /// <summary>Adds the Authorization header; x-ms-date and x-ms-version must already be set.</summary>
    public void Sign(HttpRequestMessage request)
    {
        var signature = Hmac(StringToSign(request));
        request.Headers.TryAddWithoutValidation("Authorization", $"SharedKey {AccountName}:{signature}");
    }

    /// <summary>The query string (without '?') of a service SAS for one blob.</summary>
    public string BlobSas(string container, string name, BlobSasPermissions permissions, DateTimeOffset start, DateTimeOffset expiry, string version)
    {
        var sp = PermissionLetters(permissions);
        var st = SasTime(start);
        var se = SasTime(expiry);
        // Service SAS string-to-sign for versions 2020-12-06 and later: unused fields stay as empty lines.
        string[] fields = [sp, st, se, $"/blob/{AccountName}/{container}/{name}", "", "", "", version, "b", "", "", "", "", "", "", ""];
        var signature = Hmac(string.Join('\n', fields));
        return string.Join('&',
            $"sv={version}",
            $"sr=b",
            $"sp={sp}",
            $"st={Uri.EscapeDataString(st)}",
            $"se={Uri.EscapeDataString(se)}",
            $"sig={Uri.EscapeDataString(signature)}");
    }

    internal string StringToSign(HttpRequestMessage request)
    {
        var content = request.Content?.Headers;
        // A zero length is signed as an empty string, not "0" (versions 2015-02-21 and later).
        var length = content?.ContentLength is > 0 and var l ? l.ToString(CultureInfo.InvariantCulture) : "";
        var builder = new StringBuilder()
            .Append(request.Method.Method).Append('\n')
            .Append(Values(content, "Content-Encoding")).Append('\n')
            .Append(Values(content, "Content-Language")).Append('\n')
            .Append(length).Append('\n')
            .Append(Values(content, "Content-MD5")).Append('\n')
            .Append(Values(content, "Content-Type")).Append('\n')
            .Append('\n') // Date: x-ms-date is used instead.
            .Append(Values(request.Headers, "If-Modified-Since")).Append('\n')
            .Append(Values(request.Headers, "If-Match")).Append('\n')
            .Append(Values(request.Headers, "If-None-Match")).Append('\n')
            .Append(Values(request.Headers, "If-Unmodified-Since")).Append('\n')
            .Append(Values(request.Headers, "Range")).Append('\n');
        AppendCanonicalHeaders(builder, request);
        AppendCanonicalResource(builder, request.RequestUri!);
        return builder.ToString();
    }

    private static void AppendCanonicalHeaders(StringBuilder builder, HttpRequestMessage request)
    {
        var headers = request.Headers.AsEnumerable();
        if (request.Content is not null)
        {
            headers = headers.Concat(request.Content.Headers);
        }

        foreach (var (name, values) in headers
                     .Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Key.ToLowerInvariant(), Values: h.Value))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(name).Append(':').Append(string.Join(',', values.Select(v => v.Trim()))).Append('\n');
        }
    }

    // The path is used as sent, so a path-style URL (Azurite) repeats the account name: /account/account/container/blob.
    private void AppendCanonicalResource(StringBuilder builder, Uri uri)
    {
        builder.Append('/').Append(AccountName).Append(uri.AbsolutePath);
        var parameters = uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(kv => (Name: Uri.UnescapeDataString(kv[0]).ToLowerInvariant(), Value: kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : ""))
            .GroupBy(kv => kv.Name)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            builder.Append('\n').Append(parameter.Key).Append(':')
                .Append(string.Join(',', parameter.Select(kv => kv.Value).Order(StringComparer.Ordinal)));
        }
    }

    private static string Values(HttpHeaders? headers, string name) =>
        headers is not null && headers.NonValidated.TryGetValues(name, out var values) ? string.Join(',', values) : "";

    private string Hmac(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));

    private static string SasTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // The service requires the letters in this order.
    private static string PermissionLetters(BlobSasPermissions permissions) =>
        string.Concat(
            permissions.HasFlag(BlobSasPermissions.Read) ? "r" : "",
            permissions.HasFlag(BlobSasPermissions.Create) ? "c" : "",
            permissions.HasFlag(BlobSasPermissions.Write) ? "w" : "");
}
