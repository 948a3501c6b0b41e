using System.CommandLine;

namespace GoldAnalytics.Functions.Commands;

/// <summary>Options every admin command shares.</summary>
internal static class CommonOptions
{
    public static Option<string> ConnectionString() => new("--connection")
    {
        Description = "PostgreSQL connection string (default: the GA_DATABASE environment variable)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GA_DATABASE") ?? "",
    };

    public static string RequireConnection(string value) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException("No database: pass --connection or set GA_DATABASE (infra/dev sets it for you).")
            : value;
}
