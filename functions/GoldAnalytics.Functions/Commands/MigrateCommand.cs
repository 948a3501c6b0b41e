using System.CommandLine;
using GoldAnalytics.Data.Migrations;

namespace GoldAnalytics.Functions.Commands;

/// <summary><c>goldanalytics migrate</c>: applies pending schema migrations.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var connection = CommonOptions.ConnectionString();
        var command = new Command("migrate", "Apply pending database migrations (safe to run concurrently and repeatedly)") { connection };
        command.SetAction(async (parse, ct) =>
        {
            var applied = await new Migrator(CommonOptions.RequireConnection(parse.GetValue(connection)!)).MigrateAsync(AppMigrations.All, ct);
            Console.WriteLine(applied.Count == 0 ? "Database is up to date." : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return 0;
        });
        return command;
    }
}
