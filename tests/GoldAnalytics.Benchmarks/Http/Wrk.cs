using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GoldAnalytics.Benchmarks.Http;

/// <summary>What one load run measured; CPU time and allocations are the server process's, per request served.</summary>
internal sealed record LoadResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Errors, double CpuMicrosPerRequest = 0, double BytesPerRequest = 0);

/// <summary>Drives load with wrk (Debian package <c>wrk</c>), a separate process, and reads its figures.</summary>
internal static partial class Wrk
{
    /// <summary>Loads the server and measures it: wrk's figures, and the server process's CPU time and allocations per request.</summary>
    public static async Task<LoadResult> RunAsync(BenchServer server, int threads, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{(int)duration.TotalSeconds}s", "--latency" })
        {
            start.ArgumentList.Add(argument);
        }

        if (server.Key is { } key)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add($"x-functions-key: {key}");
        }

        start.ArgumentList.Add(server.Url);
        // Usage is read from the server's own process, so it is that server's cost alone: far less noisy than latency on a shared machine.
        var before = await server.UsageAsync(cancellationToken);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk; install it with: apt-get install -y wrk");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
        }

        var after = await server.UsageAsync(cancellationToken);
        var result = Parse(output);
        return result with
        {
            CpuMicrosPerRequest = (after.CpuMicros - before.CpuMicros) / result.Requests,
            BytesPerRequest = (double)(after.AllocatedBytes - before.AllocatedBytes) / result.Requests,
        };
    }

    public static LoadResult Parse(string output)
    {
        var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var requests = long.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var errors = Non2xx().Match(output) is { Success: true } non2xx ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new LoadResult(rps, Percentile(output, "50"), Percentile(output, "99"), requests, errors);
    }

    private static double Percentile(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s*{percentile}(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!match.Success)
        {
            throw new InvalidOperationException($"wrk output has no {percentile}% latency:\n{output}");
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => value / 1000,
            "s" => value * 1000,
            _ => value,
        };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();
}
