using System.Security.Cryptography;
using GoldAnalytics.Functions.Tests.Entry;

namespace GoldAnalytics.Functions.Tests.Webhooks;

/// <summary>The entry host with a webhook key and fast retries: 200 ms, doubling; dead after 3 attempts; disabled after 5 failures in a row.</summary>
public sealed class WebhookHost : EntryHost
{
    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["GA_WEBHOOK_SECRET_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["GA_WEBHOOKS:FirstRetry"] = "00:00:00.200",
        ["GA_WEBHOOKS:MaxRetry"] = "00:00:01",
        ["GA_WEBHOOKS:PollingInterval"] = "00:00:00.100",
        ["GA_WEBHOOKS:Timeout"] = "00:00:02",
        ["GA_WEBHOOKS:MaxAttempts"] = "3",
        ["GA_WEBHOOKS:DisableAfterFailures"] = "5",
    };
}
