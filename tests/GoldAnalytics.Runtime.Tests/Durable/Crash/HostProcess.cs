using System.Diagnostics;
using System.Reflection;

namespace GoldAnalytics.Runtime.Tests.Durable.Crash;

/// <summary>A durable host running as its own process (GoldAnalytics.Durable.TestHost), which a test can SIGKILL.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(string connectionString, string hostName)
    {
        Name = hostName;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostAssembly);
        start.ArgumentList.Add(connectionString);
        start.ArgumentList.Add(hostName);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "ready")
            {
                _ready.TrySetResult();
            }
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"Host {hostName} exited with {_process.ExitCode} before it was ready."));
        _process.EnableRaisingEvents = true;
    }

    public string Name { get; }

    public static async Task<HostProcess> StartAsync(string connectionString, string hostName)
    {
        var host = new HostProcess(connectionString, hostName);
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        await host._ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return host;
    }

    /// <summary>SIGKILL: no shutdown code runs, connections drop, leases are left behind.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static string HostAssembly
    {
        get
        {
            var configuration = typeof(HostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GoldAnalytics.sln")))
            {
                directory = directory.Parent;
            }

            var path = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Repository root not found."),
                "tests", "GoldAnalytics.Durable.TestHost", "bin", configuration, "net10.0", "GoldAnalytics.Durable.TestHost.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build GoldAnalytics.Durable.TestHost first.", path);
        }
    }
}
