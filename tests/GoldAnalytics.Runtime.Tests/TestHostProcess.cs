using System.Diagnostics;
using System.Text;

namespace GoldAnalytics.Runtime.Tests;

/// <summary>A real host process: the test host executable run with <c>dotnet</c>, its output captured.</summary>
public sealed class TestHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private TestHostProcess(Process process) => _process = process;

    /// <summary>Everything the process wrote so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet GoldAnalytics.Runtime.TestHost.dll mode host seconds</c> with the given environment.</summary>
    public static TestHostProcess Start(string mode, string host, TimeSpan runFor, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "GoldAnalytics.Runtime.TestHost.dll"));
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(host);
        start.ArgumentList.Add(runFor.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the test host.");
        var started = new TestHostProcess(process);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>Kills the process at once, as a crash would, and waits until it is gone.</summary>
    public async Task CrashAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Asks the host to stop now (it reads a line from its standard input).</summary>
    public async Task RequestStopAsync()
    {
        await _process.StandardInput.WriteLineAsync("stop");
        await _process.StandardInput.FlushAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
