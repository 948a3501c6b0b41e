using System.CommandLine;
using GoldAnalytics.Functions.Commands;

var root = new RootCommand("GoldAnalytics: the analytics and automation back office of a chain of gold shops.")
{
    MigrateCommand.Create(),
    SeedCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
