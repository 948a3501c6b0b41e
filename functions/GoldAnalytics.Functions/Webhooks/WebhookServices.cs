using GoldAnalytics.Adapters.Webhooks;
using GoldAnalytics.Data.Outbox;
using GoldAnalytics.Data.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GoldAnalytics.Functions.Webhooks;

/// <summary>Registers webhook subscriptions, the outbox fan-out and the sender.</summary>
internal static class WebhookServices
{
    /// <summary>Set <c>GA_WEBHOOK_SEND=false</c> on hosts that should not post webhooks.</summary>
    public const string SendSetting = "GA_WEBHOOK_SEND";

    /// <summary>The configuration section of <see cref="WebhookOptions"/>.</summary>
    public const string Section = "GA_WEBHOOKS";

    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        // Bound live, so a changed allow-list applies without a restart; the other settings are read once.
        // A bad allow-list stops the host here rather than at the first delivery.
        var section = configuration.GetSection(Section);
        if (!WebhookAddressPolicy.TryParse(section.Get<WebhookOptions>()?.AllowedAddresses, out _, out var problem))
        {
            throw new InvalidOperationException($"{Section}:AllowedAddresses: {problem}.");
        }

        services.AddOptions<WebhookOptions>().Bind(section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WebhookOptions>>().Value);
        services.AddSingleton(new WebhookSecrets(SecretBox.FromBase64(configuration[WebhookOptions.SecretKeySetting])));
        services.AddSingleton<WebhookSubscriptions>();
        services.AddSingleton<WebhookDeliveries>();
        services.AddSingleton<WebhookAllowList>();
        services.AddSingleton(sp =>
        {
            var allowList = sp.GetRequiredService<WebhookAllowList>();
            return new WebhookPoster(() => allowList.Current, sp.GetRequiredService<WebhookOptions>().Timeout);
        });
        services.AddSingleton<IDomainEventSubscriber, WebhookFanOut>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WebhookSender>();
        if (!string.Equals(configuration[SendSetting], "false", StringComparison.OrdinalIgnoreCase))
        {
            services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
        }

        return services;
    }
}
