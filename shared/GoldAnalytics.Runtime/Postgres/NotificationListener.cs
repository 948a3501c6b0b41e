using Microsoft.Extensions.Logging;
using Npgsql;

namespace GoldAnalytics.Runtime.Postgres;

/// <summary>
/// Holds one connection that LISTENs on some channels and calls back on each notification. Reconnects after a
/// lost connection (database restart) and reports the gap, so callers catch up once in case they missed one.
/// </summary>
internal sealed class NotificationListener(NpgsqlDataSource dataSource, IReadOnlyList<string> channels, Action<string, string> notified, Action reconnected, ILogger logger)
{
    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stopping);
                connection.Notification += (_, e) => notified(e.Channel, e.Payload);
                foreach (var channel in channels)
                {
#pragma warning disable CA2100 // Channel names are this assembly's constants.
                    await using var listen = new NpgsqlCommand($"LISTEN {channel}", connection);
#pragma warning restore CA2100
                    await listen.ExecuteNonQueryAsync(stopping);
                }

                reconnected();
                while (!stopping.IsCancellationRequested)
                {
                    await connection.WaitAsync(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Listening must survive database restarts; polling covers the gap.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning("Notification connection for {Channels} lost ({Message}); reconnecting", string.Join(", ", channels), e.Message);
                reconnected();
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
