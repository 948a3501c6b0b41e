using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GoldAnalytics.Testing;

/// <summary>
/// An Azurite blob service of the test's own, on a free port with its own data folder, so a test may stop
/// and restart it (or change its service settings) without disturbing the shared one. The executable is
/// <c>GA_TEST_AZURITE_BIN</c> (set by <c>infra/dev test</c>), else the one <c>infra/dev</c> installs in the checkout, else azurite-blob on the PATH.
/// </summary>
public sealed class PrivateAzurite : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string Account = "devstoreaccount1";

    /// <summary>Azurite's public development key.</summary>
    public const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _location = Directory.CreateTempSubdirectory("ga-azurite-").FullName;
    private Process? _process;

    private PrivateAzurite(int port) => Port = port;

    /// <summary>The port it listens on, the same across restarts.</summary>
    public int Port { get; }

    /// <summary>The account's blob endpoint, path-style.</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{Port}/{Account}");

    /// <summary>Starts one on a free port and waits until it accepts connections.</summary>
    public static async Task<PrivateAzurite> StartAsync()
    {
        var azurite = new PrivateAzurite(FreePort());
        await azurite.StartAgainAsync();
        return azurite;
    }

    /// <summary>Starts the stopped service again on the same port and data folder.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--location", _location, "--skipApiVersionCheck", "--loose", "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilListeningAsync();
    }

    /// <summary>
    /// Kills the service with SIGTERM and waits until it is gone (SIGKILL after 10 s). Azurite saves its metadata
    /// only every 5 s, so a SIGKILL would lose blobs it had acknowledged; SIGTERM makes it save first.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Its data is thrown away, so there is nothing to save: no need to wait for a graceful stop.
        if (_process is not null)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
            _process = null;
        }

        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} while starting on port {Port}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Azurite did not listen on port {Port} within 30 s.");
    }

    private static string Executable() =>
        Environment.GetEnvironmentVariable("GA_TEST_AZURITE_BIN") is { Length: > 0 } configured ? configured
        : CheckoutExecutable() is { } installed ? installed
        : "azurite-blob";

    private static string? CheckoutExecutable()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "infra", "node_modules", ".bin", "azurite-blob");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
