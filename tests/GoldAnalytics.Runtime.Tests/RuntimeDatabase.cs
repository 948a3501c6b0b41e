using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Runtime.Blobs;
using GoldAnalytics.Runtime.Hosting;
using GoldAnalytics.Runtime.Timers;
using GoldAnalytics.Testing;

namespace GoldAnalytics.Runtime.Tests;

/// <summary>A fresh database with the runtime's tables: keys and the trigger tables.</summary>
public sealed class RuntimeDatabase : PostgresDatabase
{
    protected override IEnumerable<MigrationSet> Migrations => [RuntimeMigrations.Runtime, TimerTriggers.Migrations, BlobTriggers.Migrations];
}
