using System.CommandLine;
using GoldAnalytics.Functions.Commands;

var root = new RootCommand("GoldAnalytics: the analytics and automation back office of a chain of gold shops. Without a command, runs the host (serve).")
{
    ServeCommand.Create(),
    MigrateCommand.Create(),
    SeedCommand.Create(),
    ReportsCommand.Create(),
    KeysCommand.Create(),
};
root.SetAction((_, ct) => ServeCommand.RunAsync(ct));

return await root.Parse(args).InvokeAsync();
