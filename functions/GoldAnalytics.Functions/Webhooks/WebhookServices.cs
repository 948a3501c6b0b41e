using GoldAnalytics.Adapters.Webhooks;
using GoldAnalytics.Data.Outbox;
using GoldAnalytics.Data.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GoldAnalytics.Functions.Webhooks;

/// <summary>Registers webhook subscriptions, the outbox fan-out and the sender.</summary>
internal static class WebhookServices
{
    /// <summary>Set <c>GA_WEBHOOK_SEND=false</c> on hosts that should not post webhooks.</summary>
    public const string SendSetting = "GA_WEBHOOK_SEND";

    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("GA_WEBHOOKS").Get<WebhookOptions>() ?? new WebhookOptions();
        services.AddSingleton(options);
        services.AddSingleton(new WebhookSecrets(SecretBox.FromBase64(configuration[WebhookOptions.SecretKeySetting])));
        services.AddSingleton<WebhookSubscriptions>();
        services.AddSingleton<WebhookDeliveries>();
        services.AddSingleton(new WebhookPoster(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, options.Timeout));
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
