using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Runtime.Blobs;
using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Hosting;
using GoldAnalytics.Runtime.Timers;

namespace GoldAnalytics.Functions;

/// <summary>Every migration set the function app needs, in the order they apply.</summary>
internal static class AppMigrations
{
    public static IReadOnlyList<MigrationSet> All { get; } = [MigrationSet.Shop, RuntimeMigrations.Runtime, TimerTriggers.Migrations, BlobTriggers.Migrations, DurableMigrations.Set];
}
