using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Runtime.Blobs;
using GoldAnalytics.Runtime.Timers;
using GoldAnalytics.Testing;

namespace GoldAnalytics.Runtime.Tests;

/// <summary>A fresh database with the trigger tables of the runtime.</summary>
public sealed class RuntimeDatabase : PostgresDatabase
{
    protected override IEnumerable<MigrationSet> Migrations => [TimerTriggers.Migrations, BlobTriggers.Migrations];
}
