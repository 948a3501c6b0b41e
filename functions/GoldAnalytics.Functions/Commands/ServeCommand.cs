using System.CommandLine;
using GoldAnalytics.Runtime.Hosting;
using Npgsql;

namespace GoldAnalytics.Functions.Commands;

/// <summary><c>goldanalytics serve</c> (also the default): runs the function host until stopped.</summary>
internal static class ServeCommand
{
    /// <summary>Where the host listens when neither ASPNETCORE_URLS nor --urls says otherwise, as the Functions host does.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static Command Create()
    {
        var command = new Command("serve", "Run the function host: HTTP functions, triggers and the dashboard (settings: host.json, GA_* variables, local.settings.json)");
        command.SetAction((_, ct) => RunAsync(ct));
        return command;
    }

    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = FunctionApp.Build([], builder =>
            {
                if (string.IsNullOrEmpty(builder.Configuration["urls"]))
                {
                    builder.WebHost.UseUrls(DefaultUrl);
                }
            });
        }
        catch (Exception e) when (e is HostSettingsException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        try
        {
            await app.RunAsync(cancellationToken);
            return 0;
        }
        catch (NpgsqlException e)
        {
            await Console.Error.WriteLineAsync($"The host could not use its database (GA_DATABASE): {e.Message}");
            return 3;
        }
    }
}
