using System.Security.Cryptography;
using GoldAnalytics.Functions.Tests.Entry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace GoldAnalytics.Functions.Tests.Webhooks;

/// <summary>
/// The entry host with a webhook key and fast retries: 200 ms, doubling; dead after 3 attempts; disabled
/// after 5 failures in a row. Its allow-list lets webhooks reach 127.0.0.1 and nothing else internal;
/// a test may narrow it for a while with <see cref="AllowOnly"/>.
/// </summary>
public sealed class WebhookHost : EntryHost
{
    /// <summary>The addresses the tests' receivers listen on.</summary>
    public const string AllowedAddresses = "127.0.0.1";

    private const string AllowListKey = "GA_WEBHOOKS:AllowedAddresses";
    private readonly ChangingSetting _allowList = new(AllowListKey);

    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["GA_WEBHOOK_SECRET_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["GA_WEBHOOKS:FirstRetry"] = "00:00:00.200",
        ["GA_WEBHOOKS:MaxRetry"] = "00:00:01",
        ["GA_WEBHOOKS:PollingInterval"] = "00:00:00.100",
        ["GA_WEBHOOKS:Timeout"] = "00:00:02",
        ["GA_WEBHOOKS:MaxAttempts"] = "3",
        ["GA_WEBHOOKS:DisableAfterFailures"] = "5",
        [AllowListKey] = AllowedAddresses,
    };

    /// <summary>Replaces the allow-list (as an operator changing the setting would) until the scope is disposed.</summary>
    public IDisposable AllowOnly(string allowList)
    {
        _allowList.Set(allowList);
        return new Scope(() => _allowList.Set(null));
    }

    protected override Task BeforeHostStartsAsync(WebApplication app)
    {
        ((IConfigurationBuilder)app.Configuration).Add(_allowList);
        return base.BeforeHostStartsAsync(app);
    }

    // The last configuration source: its value wins while set, and each change reloads the options bound to it.
    private sealed class ChangingSetting(string key) : ConfigurationProvider, IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

        public void Set(string? value)
        {
            if (value is null)
            {
                Data.Remove(key);
            }
            else
            {
                Data[key] = value;
            }

            OnReload();
        }
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
