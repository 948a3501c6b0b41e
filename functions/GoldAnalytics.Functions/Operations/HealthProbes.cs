using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Serialization;
using GoldAnalytics.Functions.Kpis.WarmUp;
using GoldAnalytics.Runtime.Hosting;
using Npgsql;

namespace GoldAnalytics.Functions.Operations;

/// <summary>One service's health: status (healthy, unhealthy, not_configured), how long the probe took, and a secret-free reason.</summary>
public sealed record ServiceHealth(string Status, double LatencyMs, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null)
{
    [JsonIgnore]
    public bool IsHealthy => Status == "healthy";
}

/// <summary>
/// The health of the host and the services it depends on, and whether the KPI engines are warm yet
/// (warming does not make the host unhealthy: it answers, only more slowly).
/// </summary>
public sealed record HealthReport(string Status, ServiceHealth Host, ServiceHealth Database, ServiceHealth BlobStorage, ServiceHealth Mail, KpiReadinessReport Kpis);

/// <summary>Probes the database (a query), blob storage (HEAD on the service endpoint) and mail (the SMTP greeting), each with a short timeout.</summary>
public sealed class HealthProbes(NpgsqlDataSource database, FunctionsEnvironment environment, KpiReadiness readiness, HttpClient http)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var databaseCheck = ProbeAsync(DatabaseAsync, cancellationToken);
        var blobCheck = environment.BlobEndpoint is null ? Task.FromResult(NotConfigured) : ProbeAsync(BlobAsync, cancellationToken);
        var mailCheck = environment.SmtpHost is null ? Task.FromResult(NotConfigured) : ProbeAsync(MailAsync, cancellationToken);
        var checks = await Task.WhenAll(databaseCheck, blobCheck, mailCheck);
        var host = new ServiceHealth("healthy", 0);
        return new HealthReport(checks.All(c => c.IsHealthy) ? "healthy" : "unhealthy", host, checks[0], checks[1], checks[2], readiness.Report());
    }

    private static ServiceHealth NotConfigured { get; } = new("not_configured", 0, "not configured on this host");

    private async Task DatabaseAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private async Task BlobAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, environment.BlobEndpoint);
        using var response = await http.SendAsync(request, cancellationToken);

        // Any answer below 500 means the service is up; an anonymous HEAD is not authorised to see more.
        if ((int)response.StatusCode >= 500)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode}");
        }
    }

    private async Task MailAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(environment.SmtpHost!, environment.SmtpPort, cancellationToken);
        await using var stream = client.GetStream();
        var buffer = new byte[512];
        var read = await stream.ReadAsync(buffer, cancellationToken);
        if (read < 3 || Encoding.ASCII.GetString(buffer, 0, 3) != "220")
        {
            throw new InvalidOperationException("no SMTP greeting");
        }

        await stream.WriteAsync("QUIT\r\n"u8.ToArray(), cancellationToken);
    }

    private static async Task<ServiceHealth> ProbeAsync(Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await probe(limit.Token);
            return new ServiceHealth("healthy", Elapsed(started));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ServiceHealth("unhealthy", Elapsed(started), Reason(e));
        }
    }

    // Reasons name the kind of failure only: exception messages can carry hosts, users or keys.
    private static string Reason(Exception e) => e switch
    {
        OperationCanceledException or TimeoutException => "timed out",
        SocketException or HttpRequestException { InnerException: SocketException } => "unreachable",
        HttpRequestException { Message: var m } when m.StartsWith("HTTP ", StringComparison.Ordinal) => m,
        NpgsqlException => "database error",
        _ => "probe failed",
    };

    private static double Elapsed(long started) => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
}
