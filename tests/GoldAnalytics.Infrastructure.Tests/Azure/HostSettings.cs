using System.Text.RegularExpressions;

namespace GoldAnalytics.Infrastructure.Tests.Azure;

/// <summary>What an Azure deployment does with a GA_ setting of the host.</summary>
public enum InAzure
{
    /// <summary>An app setting of the function app (for a configuration section: at least one <c>SECTION__key</c>).</summary>
    Deployed,

    /// <summary>Left out: the host's default is the right value in Azure.</summary>
    Default,

    /// <summary>Left out: only the self-hosted host (ASP.NET Core) has a use for it.</summary>
    SelfHostedOnly,
}

/// <summary>
/// The GA_ settings the host reads (the quoted GA_ names in the code of functions/ and shared/) and the decision
/// taken for each in infra/azure. A setting added to the code fails the tests until it is decided here.
/// </summary>
public static partial class HostSettings
{
    public static IReadOnlyDictionary<string, (InAzure InAzure, string Why)> Decisions { get; } = new Dictionary<string, (InAzure, string)>
    {
        ["GA_DATABASE"] = (InAzure.Deployed, "the PostgreSQL connection string, from Key Vault"),
        ["GA_BLOB_ENDPOINT"] = (InAzure.Deployed, "the data storage account's blob endpoint"),
        ["GA_BLOB_ACCOUNT"] = (InAzure.Deployed, "the data storage account"),
        ["GA_BLOB_KEY"] = (InAzure.Deployed, "its key, from Key Vault (SAS links need Shared Key)"),
        ["GA_SMTP_HOST"] = (InAzure.Deployed, "the SMTP relay"),
        ["GA_SMTP_PORT"] = (InAzure.Deployed, "the SMTP relay's port"),
        ["GA_MAIL_FROM"] = (InAzure.Deployed, "the sender of mail"),
        ["GA_TIME_ZONE"] = (InAzure.Deployed, "the shop's zone for timers and \"today\""),
        ["GA_WEBHOOK_SECRET_KEY"] = (InAzure.Deployed, "the key sealing webhook secrets, from Key Vault"),
        ["GA_WEBHOOKS"] = (InAzure.Deployed, "GA_WEBHOOKS__AllowedAddresses; the other webhook options keep their defaults"),
        ["GA_WEBHOOK_SEND"] = (InAzure.Default, "every instance posts webhooks; leases share the subscriptions"),
        ["GA_OUTBOX"] = (InAzure.Default, "the dispatcher's defaults"),
        ["GA_OUTBOX_DISPATCH"] = (InAzure.Default, "every instance dispatches; claims share the events"),
        ["GA_KPI_WARMUP"] = (InAzure.Default, "on: the health check keeps an instance out of rotation until warm"),
        ["GA_IMPORT_ASYNC_BYTES"] = (InAzure.Default, "16 MiB"),
        ["GA_IMPORT_CHUNK_ROWS"] = (InAzure.Default, "250,000 rows"),
        ["GA_IMPORT_CONTAINER"] = (InAzure.Default, "imports, a container main.bicep creates"),
        ["GA_STATIC_WEB"] = (InAzure.SelfHostedOnly, "in Azure the Static Web App serves the dashboard"),
        ["GA_HOST_JSON"] = (InAzure.SelfHostedOnly, "the Functions host reads host.json from the deployed package"),
        ["GA_HOST"] = (InAzure.SelfHostedOnly, "host.json overrides; the Functions host takes AzureFunctionsJobHost__ settings"),
    };

    /// <summary>GA_ app settings deployed for a reader the code scan does not find.</summary>
    public static IReadOnlyDictionary<string, string> DeployedBeyondTheCode { get; } = new Dictionary<string, string>
    {
        ["GA_SMTP_USERNAME"] = "the SMTP relay's login (Azure Communication Services' relay requires one); no mail sender reads it yet",
        ["GA_SMTP_PASSWORD"] = "the SMTP relay's password, from Key Vault; no mail sender reads it yet",
    };

    /// <summary>Settings whose values are secrets: they may only be Key Vault references.</summary>
    public static IReadOnlyList<string> Secrets { get; } =
        ["GA_DATABASE", "GA_BLOB_KEY", "GA_WEBHOOK_SECRET_KEY", "GA_SMTP_PASSWORD", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING"];

    /// <summary>Every quoted GA_ name in the C# code of functions/ and shared/, with a file that names it.</summary>
    public static IReadOnlyDictionary<string, string> ReadByTheCode()
    {
        var names = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in new[] { "functions", "shared" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(BicepCli.RepositoryRoot, folder), "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                foreach (Match match in QuotedSetting().Matches(File.ReadAllText(file)))
                {
                    names.TryAdd(match.Groups["name"].Value, Path.GetRelativePath(BicepCli.RepositoryRoot, file));
                }
            }
        }

        return names;
    }

    [GeneratedRegex("\"(?<name>GA_[A-Z0-9_]+)\"")]
    private static partial Regex QuotedSetting();
}
