using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace GoldAnalytics.Runtime.Hosting;

/// <summary>
/// Where the host finds its services, from environment variables (or <c>local.settings.json</c> Values):
/// GA_DATABASE, GA_BLOB_ENDPOINT, GA_BLOB_ACCOUNT, GA_BLOB_KEY, GA_SMTP_HOST, GA_SMTP_PORT, GA_MAIL_FROM, GA_STATIC_WEB.
/// </summary>
public sealed record FunctionsEnvironment(
    string? Database,
    Uri? BlobEndpoint,
    string? BlobAccount,
    string? BlobKey,
    string? SmtpHost,
    int SmtpPort,
    string? MailFrom,
    string StaticWeb)
{
    /// <summary>Reads the GA_ settings; a malformed value stops start-up naming the variable.</summary>
    public static FunctionsEnvironment From(IConfiguration configuration)
    {
        string? Read(string name) => configuration[name] is { Length: > 0 } value ? value : null;

        var blob = Read("GA_BLOB_ENDPOINT");
        Uri? blobEndpoint = null;
        if (blob is not null && (!Uri.TryCreate(blob, UriKind.Absolute, out blobEndpoint) || blobEndpoint.Scheme is not ("http" or "https")))
        {
            throw new InvalidOperationException($"GA_BLOB_ENDPOINT must be an http(s) URL like http://127.0.0.1:10000/devstoreaccount1 (found '{blob}').");
        }

        var port = Read("GA_SMTP_PORT");
        var smtpPort = 25;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out smtpPort) || smtpPort is < 1 or > 65535))
        {
            throw new InvalidOperationException($"GA_SMTP_PORT must be a port number 1-65535 (found '{port}').");
        }

        return new FunctionsEnvironment(
            Read("GA_DATABASE"),
            blobEndpoint,
            Read("GA_BLOB_ACCOUNT"),
            Read("GA_BLOB_KEY"),
            Read("GA_SMTP_HOST"),
            smtpPort,
            Read("GA_MAIL_FROM"),
            Read("GA_STATIC_WEB") ?? Path.Combine("static-web", "dist"));
    }

    /// <summary>The configured database, or a start-up error saying how to set it.</summary>
    public string RequireDatabase() =>
        Database ?? throw new InvalidOperationException("No database configured: set GA_DATABASE (or Values.GA_DATABASE in local.settings.json) to a PostgreSQL connection string.");
}
