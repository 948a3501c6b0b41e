using System.Reflection;
using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;

namespace GoldAnalytics.Runtime.Hosting;

/// <summary>What the host is made of: the function assemblies, host.json, migrations to apply at start.</summary>
public sealed class FunctionsRuntimeOptions
{
    /// <summary>Assemblies scanned for <c>[Function]</c> methods.</summary>
    public IList<Assembly> Assemblies { get; } = [];

    /// <summary>Path of host.json; GA_HOST_JSON overrides it, default <c>host.json</c> in the working directory.</summary>
    public string HostJsonPath { get; set; } = "host.json";

    /// <summary>host.json content given directly (tests); wins over <see cref="HostJsonPath"/>.</summary>
    public string? HostJson { get; set; }

    /// <summary>Path of the optional local.settings.json whose <c>Values</c> act as environment variables.</summary>
    public string LocalSettingsPath { get; set; } = "local.settings.json";

    /// <summary>Migration sets applied at start, before any trigger source starts.</summary>
    public IList<MigrationSet> Migrations { get; } = [];

    /// <summary>Where the start-up listing of functions is written; null for nowhere.</summary>
    public TextWriter? Listing { get; set; } = Console.Out;

    /// <summary>How often an idle event stream sends a heartbeat comment.</summary>
    public TimeSpan EventHeartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The problem a write answers with when it violates a database constraint, by constraint name: the database is the
    /// last word on uniqueness and limits a concurrent request may pass a check of. Unlisted unique violations answer 409 too.
    /// </summary>
    public IDictionary<string, ConstraintProblem> ConstraintProblems { get; } = new Dictionary<string, ConstraintProblem>(StringComparer.Ordinal);
}

/// <summary>The runtime's own migration set: function keys (schema <c>runtime</c>).</summary>
public static class RuntimeMigrations
{
    /// <summary>Migrations under <c>Migrations/Runtime</c>.</summary>
    public static MigrationSet Runtime { get; } = new("runtime", typeof(KeyStore).Assembly, "Migrations.Runtime");
}
