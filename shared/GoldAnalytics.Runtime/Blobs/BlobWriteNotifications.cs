using System.Text.Json;
using GoldAnalytics.Adapters.BlobStorage;
using GoldAnalytics.Runtime.Backoff;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GoldAnalytics.Runtime.Blobs;

/// <summary>Carries blob-written signals between hosts over PostgreSQL LISTEN/NOTIFY.</summary>
internal sealed class BlobWriteNotifications(NpgsqlDataSource database, BlobWriteSignal signal, ILogger logger)
{
    private const string Channel = "ga_blob_written";

    /// <summary>Sends every signal of this host to the others.</summary>
    public async Task BroadcastAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var blob in signal.ToBroadcast.ReadAllAsync(stop))
            {
                await SendAsync(blob, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(BlobItem blob, CancellationToken stop)
    {
        try
        {
            await using var command = database.CreateCommand("SELECT pg_notify(@channel, @payload)");
            command.Parameters.AddWithValue("channel", Channel);
            command.Parameters.AddWithValue("payload", JsonSerializer.Serialize(new Message(signal.Origin, blob.Container, blob.Name, blob.ETag)));
            await command.ExecuteNonQueryAsync(stop);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            logger.LogWarning(e, "Could not tell other hosts about blob {Container}/{Name}; they will find it when they poll", blob.Container, blob.Name);
        }
    }

    /// <summary>Listens for other hosts' signals, reconnecting after a lost connection.</summary>
    public async Task ListenAsync(CancellationToken stop)
    {
        for (var failures = 0; !stop.IsCancellationRequested; failures++)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync(stop);
                connection.Notification += (_, e) => Heard(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stop);
                }

                failures = 0;
                while (!stop.IsCancellationRequested)
                {
                    await connection.WaitAsync(stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
            {
                var pause = Pause.AfterFailures(failures, TimeSpan.FromSeconds(30));
                logger.LogWarning(e, "Lost the blob notification connection; listening again in {Pause}", pause);
                await Pause.ForAsync(pause, TimeProvider.System, stop);
            }
        }
    }

    private void Heard(string payload)
    {
        try
        {
            var message = JsonSerializer.Deserialize<Message>(payload);
            if (message is not null && message.Origin != signal.Origin)
            {
                signal.HeardFromAnotherHost(new BlobItem(message.Container, message.Name, message.ETag, 0, null, default, new Dictionary<string, string>()));
            }
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "Ignored a malformed blob notification");
        }
    }

    private sealed record Message(string Origin, string Container, string Name, string ETag);
}
