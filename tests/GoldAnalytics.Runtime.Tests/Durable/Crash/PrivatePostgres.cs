using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace GoldAnalytics.Runtime.Tests.Durable.Crash;

/// <summary>
/// A PostgreSQL cluster of the test's own (initdb into a temporary directory owned by postgres, a free port),
/// so the test can stop and start it without touching the shared server.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string Binaries = "/usr/lib/postgresql/15/bin";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"ga-pg-{Guid.NewGuid():N}");
    private readonly int _port = FreePort();

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Timeout=5;Command Timeout=30";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var cluster = new PrivatePostgres();
        Directory.CreateDirectory(cluster._directory);
        await RunAsync("chown", "postgres:postgres", cluster._directory);
        await RunAsync("chmod", "700", cluster._directory);
        await AsPostgresAsync($"{Binaries}/initdb", "-D", cluster.DataDirectory, "-A", "trust", "-U", "postgres", "--no-sync");
        await cluster.StartServerAsync();
        return cluster;
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    public async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
#pragma warning disable CA2100 // The name is the test's own identifier.
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
#pragma warning restore CA2100
        await create.ExecuteNonQueryAsync();
    }

    public Task StopServerAsync() => AsPostgresAsync($"{Binaries}/pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");

    public Task StartServerAsync() => AsPostgresAsync($"{Binaries}/pg_ctl", "-D", DataDirectory, "-w", "-l", Path.Combine(_directory, "server.log"),
        "-o", $"-p {_port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off", "start");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsPostgresAsync($"{Binaries}/pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static Task AsPostgresAsync(string program, params string[] arguments) =>
        RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
