using GoldAnalytics.Functions.Forecasting;
using GoldAnalytics.Functions.Kpis;
using GoldAnalytics.Functions.Kpis.WarmUp;
using GoldAnalytics.Functions.Entry;
using GoldAnalytics.Functions.Operations;
using GoldAnalytics.Runtime.Hosting;

namespace GoldAnalytics.Functions;

/// <summary>The function app's host: the runtime with this assembly's functions and the services they use.</summary>
public static class FunctionApp
{
    /// <summary>
    /// Builds the host. <paramref name="configureHost"/> runs first (tests swap the server and settings there),
    /// <paramref name="configureRuntime"/> adjusts the runtime options (host.json, listing).
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configureHost = null, Action<FunctionsRuntimeOptions>? configureRuntime = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        configureHost?.Invoke(builder);
        builder.AddFunctionsRuntime(options =>
        {
            options.Assemblies.Add(typeof(FunctionApp).Assembly);
            foreach (var set in AppMigrations.All)
            {
                options.Migrations.Add(set);
            }

            foreach (var (constraint, problem) in EntryConstraints.Problems)
            {
                options.ConstraintProblems[constraint] = problem;
            }

            configureRuntime?.Invoke(options);
        });
        builder.AddTriggerSources();
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<HealthProbes>(sp, new HttpClient { Timeout = TimeSpan.FromSeconds(5) }));
        builder.Services.AddKpis();
        builder.Services.AddKpiWarmUp(builder.Configuration);
        builder.Services.AddForecasting();
        builder.Services.AddDataEntry(builder.Configuration);

        var app = builder.Build();
        app.MapFunctions();
        app.MapDurableManagement();
        return app;
    }
}
