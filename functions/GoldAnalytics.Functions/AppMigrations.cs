using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Runtime.Hosting;

namespace GoldAnalytics.Functions;

/// <summary>Every migration set the function app needs, in the order they apply.</summary>
internal static class AppMigrations
{
    public static IReadOnlyList<MigrationSet> All { get; } = [MigrationSet.Shop, RuntimeMigrations.Runtime];
}
