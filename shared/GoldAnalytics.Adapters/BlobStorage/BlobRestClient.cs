using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoldAnalytics.Adapters.BlobStorage;

/// <summary><see cref="IBlobStorage"/> over the Blob REST API with Shared Key, retrying transient failures.</summary>
public sealed class BlobRestClient : IBlobStorage
{
    /// <summary>The REST API version every request asks for and every SAS is signed with.</summary>
    public const string ApiVersion = "2021-12-02";

    private readonly HttpClient _http;
    private readonly BlobStorageOptions _options;
    private readonly SharedKeySignature _signature;
    private readonly TransientRetry _retry;
    private readonly IBlobWrittenNotifier? _notifier;
    private readonly TimeProvider _clock;

    /// <summary>A client over <paramref name="http"/>; <paramref name="notifier"/> hears of every blob this client writes.</summary>
    public BlobRestClient(HttpClient http, BlobStorageOptions options, IBlobWrittenNotifier? notifier = null, ILogger<BlobRestClient>? logger = null, TimeProvider? clock = null)
    {
        _http = http;
        _options = options;
        _signature = new SharedKeySignature(options.AccountName, options.AccountKey);
        _retry = new TransientRetry(options, logger ?? (ILogger)NullLogger.Instance);
        _notifier = notifier;
        _clock = clock ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task CreateContainerAsync(string container, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => Request(HttpMethod.Put, container, null, "restype=container"), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            await EnsureSuccessAsync(response, $"create container '{container}'");
        }
    }

    /// <inheritdoc />
    public async Task DeleteContainerAsync(string container, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => Request(HttpMethod.Delete, container, null, "restype=container"), cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, $"delete container '{container}'");
        }
    }

    /// <inheritdoc />
    public async Task<BlobItem> PutAsync(string container, string name, Stream content, BlobUpload? upload = null, CancellationToken cancellationToken = default)
    {
        upload ??= new BlobUpload();
        var blob = await new BlockUpload(this, container, name, upload, _options.BlockSize).RunAsync(content, cancellationToken);
        _notifier?.BlobWritten(blob);
        return blob;
    }

    /// <inheritdoc />
    public async Task<BlobDownload?> GetAsync(string container, string name, string? ifMatchETag = null, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(() => WithIfMatch(Request(HttpMethod.Get, container, name), ifMatchETag), cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed)
        {
            response.Dispose();
            return null;
        }

        try
        {
            await EnsureSuccessAsync(response, $"get blob '{container}/{name}'");
            var content = await response.Content.ReadAsStreamAsync(cancellationToken);
            return new BlobDownload(Properties(container, name, response), content, response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<BlobItem?> GetPropertiesAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => Request(HttpMethod.Head, container, name), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, $"get properties of '{container}/{name}'");
        return Properties(container, name, response);
    }

    /// <inheritdoc />
    public async Task<BlobPage> ListAsync(string container, string? prefix = null, string? marker = null, int pageSize = 5000, CancellationToken cancellationToken = default)
    {
        var query = new StringBuilder($"restype=container&comp=list&include=metadata&maxresults={pageSize.ToString(CultureInfo.InvariantCulture)}");
        if (!string.IsNullOrEmpty(prefix))
        {
            query.Append("&prefix=").Append(Uri.EscapeDataString(prefix));
        }

        if (!string.IsNullOrEmpty(marker))
        {
            query.Append("&marker=").Append(Uri.EscapeDataString(marker));
        }

        using var response = await SendAsync(() => Request(HttpMethod.Get, container, null, query.ToString()), cancellationToken);
        await EnsureSuccessAsync(response, $"list container '{container}'");
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var xml = await XDocument.LoadAsync(body, LoadOptions.None, cancellationToken);
        return BlobListing.Parse(container, xml);
    }

    /// <inheritdoc />
    public async Task SetMetadataAsync(string container, string name, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => WithMetadata(Request(HttpMethod.Put, container, name, "comp=metadata"), metadata), cancellationToken);
        await EnsureSuccessAsync(response, $"set metadata of '{container}/{name}'");
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => Request(HttpMethod.Delete, container, name), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, $"delete blob '{container}/{name}'");
        return true;
    }

    /// <inheritdoc />
    public async Task SetCorsRulesAsync(IReadOnlyList<BlobCorsRule> rules, CancellationToken cancellationToken = default)
    {
        var xml = BlobListing.ServiceProperties(rules);
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"{BaseUrl}/?restype=service&comp=properties"))
            {
                Content = new StringContent(xml, Encoding.UTF8, "application/xml"),
            };
            return request;
        }, cancellationToken);
        await EnsureSuccessAsync(response, "set blob service CORS rules");
    }

    /// <inheritdoc />
    public Uri GetSasUri(string container, string name, BlobSasPermissions permissions, TimeSpan lifetime)
    {
        var now = _clock.GetUtcNow();
        // Started a little in the past so a browser or server whose clock runs behind can use it at once.
        var sas = _signature.BlobSas(container, name, permissions, now.AddMinutes(-5), now + lifetime, ApiVersion);
        return new Uri($"{BlobUrl(container, name)}?{sas}");
    }

    internal async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead) =>
        await _retry.ExecuteAsync(async token =>
        {
            using var request = build();
            request.Headers.TryAddWithoutValidation("x-ms-date", _clock.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("x-ms-version", ApiVersion);
            _signature.Sign(request);
            return await _http.SendAsync(request, completion, token);
        }, cancellationToken);

    internal HttpRequestMessage Request(HttpMethod method, string container, string? name, string? query = null)
    {
        var url = name is null ? $"{BaseUrl}/{container}" : BlobUrl(container, name);
        return new HttpRequestMessage(method, new Uri(query is null ? url : $"{url}?{query}"));
    }

    internal static HttpRequestMessage WithMetadata(HttpRequestMessage request, IReadOnlyDictionary<string, string>? metadata)
    {
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation($"x-ms-meta-{key}", value);
        }

        return request;
    }

    internal static async Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var code = response.Headers.TryGetValues("x-ms-error-code", out var codes) ? codes.FirstOrDefault() : null;
        var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync();
        throw new BlobStorageException(
            $"Blob storage refused to {what}: {(int)response.StatusCode} {code ?? response.ReasonPhrase}. {Truncate(body)}".TrimEnd(),
            (int)response.StatusCode, code);
    }

    internal static string ETagOf(HttpResponseMessage response) =>
        BlobListing.UnquoteETag(response.Headers.ETag?.Tag ?? "");

    private string BaseUrl => _options.Endpoint.ToString().TrimEnd('/');

    private string BlobUrl(string container, string name) =>
        $"{BaseUrl}/{container}/{string.Join('/', name.Split('/').Select(Uri.EscapeDataString))}";

    private static HttpRequestMessage WithIfMatch(HttpRequestMessage request, string? etag)
    {
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{BlobListing.UnquoteETag(etag)}\"");
        }

        return request;
    }

    private static BlobItem Properties(string container, string name, HttpResponseMessage response)
    {
        var metadata = response.Headers
            .Where(h => h.Key.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key["x-ms-meta-".Length..], h => string.Join(',', h.Value), StringComparer.OrdinalIgnoreCase);
        var content = response.Content.Headers;
        return new BlobItem(container, name, ETagOf(response), content.ContentLength ?? 0, content.ContentType?.ToString(),
            content.LastModified ?? DateTimeOffset.MinValue, metadata);
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300];
}
