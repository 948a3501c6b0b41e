using GoldAnalytics.Adapters.Webhooks;
using Microsoft.Extensions.Options;

namespace GoldAnalytics.Functions.Webhooks;

/// <summary>
/// The address policy of the current <c>GA_WEBHOOKS:AllowedAddresses</c>, parsed once per change of the
/// setting; a changed list applies to the next subscription check and the next connection. A list that
/// no longer parses falls back to public addresses only (the host refused to start with it).
/// </summary>
public sealed partial class WebhookAllowList(IOptionsMonitor<WebhookOptions> options, ILogger<WebhookAllowList> logger)
{
    private sealed record Parsed(string? Text, WebhookAddressPolicy Policy);

    private Parsed? _parsed;

    /// <summary>The policy in force.</summary>
    public WebhookAddressPolicy Current
    {
        get
        {
            var text = options.CurrentValue.AllowedAddresses;
            var parsed = _parsed;
            if (parsed is null || parsed.Text != text)
            {
                parsed = new Parsed(text, ParseOrPublicOnly(text));
                _parsed = parsed;
            }

            return parsed.Policy;
        }
    }

    /// <summary>Resolves and checks the host against the policy in force.</summary>
    public Task<AddressCheck> CheckAsync(string host, CancellationToken cancellationToken) =>
        Current.CheckAsync(host, WebhookAddressPolicy.SystemResolver, cancellationToken);

    private WebhookAddressPolicy ParseOrPublicOnly(string? text)
    {
        if (WebhookAddressPolicy.TryParse(text, out var policy, out var problem))
        {
            return policy;
        }

        LogInvalid(logger, problem);
        return WebhookAddressPolicy.PublicOnly;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "GA_WEBHOOKS:AllowedAddresses is invalid ({Problem}); webhooks reach public addresses only until it is fixed")]
    private static partial void LogInvalid(ILogger logger, string problem);
}
