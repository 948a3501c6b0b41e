using System.Diagnostics;
using System.Globalization;

namespace GoldAnalytics.Benchmarks.Http;

/// <summary>What a server process has used so far.</summary>
internal sealed record ServerUsage(double CpuMicros, long AllocatedBytes);

/// <summary>
/// One compared server running in a child process (<c>http-host</c>), so that neither shares a JIT profile,
/// heap or thread pool with the other: each runs code tiered and optimised for its own traffic only.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private readonly Process _process;

    private BenchServer(Process process, string url, string? key)
    {
        _process = process;
        Url = url;
        Key = key;
    }

    public string Url { get; }

    /// <summary>The key requests must carry, or null for the bare endpoint.</summary>
    public string? Key { get; }

    public static async Task<BenchServer> StartAsync(string kind, string? database, CancellationToken cancellationToken)
    {
        var start = SelfStart();
        start.ArgumentList.Add("http-host");
        start.ArgumentList.Add(kind);
        if (database is not null)
        {
            start.ArgumentList.Add("--database");
            start.ArgumentList.Add(database);
        }

        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the {kind} server process.");
        var ready = await ReplyAsync(process, "ready", cancellationToken);
        if (ready?.Split(' ') is not ["ready", var url, var key])
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The {kind} server did not start (it said '{ready}').");
        }

        return new BenchServer(process, url, key == "-" ? null : key);
    }

    public async Task<ServerUsage> UsageAsync(CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteLineAsync("stats".AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
        var line = await ReplyAsync(_process, "stats", cancellationToken);
        return line?.Split(' ') is ["stats", var cpu, var bytes]
            ? new ServerUsage(double.Parse(cpu, CultureInfo.InvariantCulture), long.Parse(bytes, CultureInfo.InvariantCulture))
            : throw new InvalidOperationException($"The server at {Url} answered '{line}' to stats.");
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(stopping.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    // The server's answer, skipping anything else it printed (a warning logged to the console).
    private static async Task<string?> ReplyAsync(Process process, string word, CancellationToken cancellationToken)
    {
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith(word + " ", StringComparison.Ordinal))
            {
                return line;
            }
        }

        return null;
    }

    // This benchmark's own executable: the apphost, or dotnet with this assembly.
    private static ProcessStartInfo SelfStart()
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot tell which executable runs the benchmark.");
        var start = new ProcessStartInfo(host);
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(BenchServer).Assembly.Location);
        }

        return start;
    }
}
