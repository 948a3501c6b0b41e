using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Testing;

namespace GoldAnalytics.Runtime.Tests.Durable;

/// <summary>A fresh database with the durable schema.</summary>
public sealed class DurableDatabase : PostgresDatabase
{
    protected override IEnumerable<MigrationSet> Migrations => [DurableMigrations.Set];
}
