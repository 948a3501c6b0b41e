using GoldAnalytics.Runtime.Postgres;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GoldAnalytics.Runtime.Keys;

/// <summary>
/// Listens for changed keys (<c>function_keys_changed</c>, sent by a trigger on every update or delete of a key
/// row) and makes this host's <see cref="KeyAuthenticator"/> forget them, so a key revoked on any host stops
/// working everywhere at once. After a lost connection it forgets every key, as it may have missed a notice.
/// </summary>
internal sealed class KeyChangeListener(NpgsqlDataSource database, KeyAuthenticator keys, ILogger<KeyChangeListener> logger) : BackgroundService
{
    /// <summary>The channel the key table's trigger notifies, with the key id as payload.</summary>
    public const string Channel = "function_keys_changed";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new NotificationListener(database, [Channel], (_, payload) => Forget(payload), keys.ForgetAll, logger).RunAsync(stoppingToken);

    private void Forget(string payload)
    {
        if (Guid.TryParse(payload, out var keyId))
        {
            keys.Forget(keyId);
        }
        else
        {
            keys.ForgetAll();
        }
    }
}
