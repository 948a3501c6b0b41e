using System.CommandLine;
using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Runtime.Keys;
using Npgsql;

namespace GoldAnalytics.Functions.Commands;

/// <summary><c>goldanalytics keys bootstrap|create</c>: makes function keys from the command line (the first admin key has to come from somewhere).</summary>
internal static class KeysCommand
{
    public static Command Create() => new("keys", "Create function keys without the API (the secret is printed once on stdout)")
    {
        Bootstrap(),
        CreateKey(),
    };

    private static Command Bootstrap()
    {
        var connection = CommonOptions.ConnectionString();
        var name = new Option<string>("--name") { Description = "Name of the admin key; active keys of this name are revoked", DefaultValueFactory = _ => "dev-admin" };
        var command = new Command("bootstrap", "Revoke the keys with this name and print a fresh admin key") { connection, name };
        command.SetAction(async (parse, ct) =>
        {
            var created = await WithStoreAsync(parse.GetValue(connection)!, store => store.BootstrapAsync(parse.GetValue(name)!, ct), ct);
            return Print(created);
        });
        return command;
    }

    private static Command CreateKey()
    {
        var connection = CommonOptions.ConnectionString();
        var name = new Option<string>("--name") { Description = "Who or what the key is for", Required = true };
        var role = new Option<string>("--role") { Description = "viewer, staff, analyst, manager or admin", Required = true };
        role.AcceptOnlyFromAmong([.. Enum.GetValues<Role>().Select(RoleNames.Of)]);
        var command = new Command("create", "Create a key with a role and print its secret") { connection, name, role };
        command.SetAction(async (parse, ct) =>
        {
            var created = await WithStoreAsync(parse.GetValue(connection)!, store => store.CreateAsync(parse.GetValue(name)!, RoleNames.Parse(parse.GetValue(role)!), ct), ct);
            return Print(created);
        });
        return command;
    }

    private static async Task<CreatedFunctionKey> WithStoreAsync(string connection, Func<KeyStore, Task<CreatedFunctionKey>> action, CancellationToken cancellationToken)
    {
        var connectionString = CommonOptions.RequireConnection(connection);
        await new Migrator(connectionString).MigrateAsync(AppMigrations.All, cancellationToken);
        await using var database = NpgsqlDataSource.Create(connectionString);
        return await action(new KeyStore(database));
    }

    // The secret alone on stdout so scripts can capture it; the description on stderr for people.
    private static int Print(CreatedFunctionKey created)
    {
        Console.Error.WriteLine($"Key '{created.Key.Name}' ({RoleNames.Of(created.Key.Role)}, id {created.Key.Id}). Send it as the x-functions-key header; it is not shown again.");
        Console.WriteLine(created.Secret);
        return 0;
    }
}
