using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace GoldAnalytics.Infrastructure.Tests.Azure;

/// <summary>One run of the Bicep CLI: its exit code and everything it printed.</summary>
public sealed partial record BicepRun(int ExitCode, string Output)
{
    /// <summary>Diagnostic lines (<c>file(line,col) : Warning|Error CODE: message</c>).</summary>
    public IReadOnlyList<string> Diagnostics =>
        Output.Split('\n').Select(line => line.Trim()).Where(line => DiagnosticLine().IsMatch(line)).ToList();

    [GeneratedRegex(@"\) : (Warning|Error) ")]
    private static partial Regex DiagnosticLine();
}

/// <summary>The Bicep CLI restored with the Azure.Bicep.CommandLine package, and the repository's infra/azure folder.</summary>
public static class BicepCli
{
    private static readonly Lazy<string> Executable = new(Locate);

    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string AzureFolder { get; } = Path.Combine(RepositoryRoot, "infra", "azure");

    /// <summary>Runs <c>bicep</c> with the arguments in infra/azure, with extra environment variables.</summary>
    public static async Task<BicepRun> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            WorkingDirectory = AzureFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new BicepRun(process.ExitCode, (await stdout) + (await stderr));
    }

    private static string Locate()
    {
        var path = Metadata("BicepPath");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The Bicep CLI is not at {path}; restore the Azure.Bicep.CommandLine.linux-x64 package.");
        }

        // NuGet does not always keep the execute bit of a package's files.
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return path;
    }

    private static string Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly carries no {key}; the project file writes it at build time.");
}
