using GoldAnalytics.Data.Migrations;

namespace GoldAnalytics.Runtime.Durable;

/// <summary>The durable store's schema (<c>durable.*</c>), as a migration set the host applies with the others.</summary>
public static class DurableMigrations
{
    /// <summary>The "durable" migration set.</summary>
    public static MigrationSet Set { get; } = new("durable", typeof(DurableMigrations).Assembly, "Durable.Migrations");
}
