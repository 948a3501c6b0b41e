using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;

namespace GoldAnalytics.Benchmarks.Http;

/// <summary>
/// <c>goldanalytics-bench http-host runtime|bare</c>: one of the two compared servers in a process of its own,
/// started by <c>http</c>. It prints <c>ready URL KEY</c>, then answers each <c>stats</c> line on stdin with
/// its CPU time (µs) and bytes allocated so far, and stops when stdin closes.
/// </summary>
internal static class HttpHostCommand
{
    public static Command Create()
    {
        var kind = new Argument<string>("kind") { Description = "runtime (the keyed function) or bare (the minimal API endpoint)" };
        var postgres = new Option<string>("--database") { Description = "Connection string of the runtime's database (runtime only)", DefaultValueFactory = _ => "" };
        var command = new Command("http-host", "One server of the http benchmark in its own process (started by the http command)") { kind, postgres };
        command.Hidden = true;
        command.SetAction(async (parse, ct) => await ServeAsync(parse.GetValue(kind)!, parse.GetValue(postgres)!));
        return command;
    }

    private static async Task<int> ServeAsync(string kind, string database)
    {
        var (app, url, key) = kind switch
        {
            "runtime" => await BenchHosts.StartRuntimeAsync(database),
            "bare" => await StartBareAsync(),
            _ => throw new ArgumentException($"Unknown server '{kind}'; use runtime or bare.", nameof(kind)),
        };
        await using (app)
        {
            Console.WriteLine($"ready {url} {key ?? "-"}");
            while (await Console.In.ReadLineAsync() is { } line)
            {
                if (line == "stats")
                {
                    using var self = Process.GetCurrentProcess();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"stats {self.TotalProcessorTime.TotalMicroseconds:F0} {GC.GetTotalAllocatedBytes(precise: false)}"));
                }
            }

            await app.StopAsync();
        }

        return 0;
    }

    private static async Task<(WebApplication App, string Url, string? Key)> StartBareAsync()
    {
        var (app, url) = await BenchHosts.StartBareAsync();
        return (app, url, null);
    }
}
