using System.Text.Json;
using GoldAnalytics.Data.Forecasting;
using GoldAnalytics.Domain.Sales;
using GoldAnalytics.Functions.Entry;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoldAnalytics.Functions.Forecasting;

/// <summary>What to run: last day of history (default: the latest day with sales), weeks to forecast (13), reconciliation (mint_shrink); {} takes every default.</summary>
public sealed record StartForecastRunRequest(DateOnly? AsOf = null, int? Horizon = null, string? Reconciliation = null);

/// <summary>A run started on demand: the instance id and where to follow it.</summary>
public sealed record ForecastRunStarted(string Id, string StatusQueryGetUri);

/// <summary>A run's progress: the orchestration's status and stage, and the stored run (with its summary once completed).</summary>
public sealed record ForecastRunStatus(string Id, string RuntimeStatus, JsonElement? CustomStatus, string? Failure, ForecastRunView? Run);

/// <summary>Starts a forecast run on demand (analysts and managers) and reports a run's progress (viewer role).</summary>
public sealed class ForecastRunFunctions(ForecastQuery forecasts)
{
    [Function("StartForecastRun")]
    [RequireRole(Role.Analyst)]
    public async Task<Accepted<ForecastRunStarted>> Start(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "forecasting/runs")] HttpRequest request,
        StartForecastRunRequest run,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var (asOf, horizon, reconciliation) = (run.AsOf, run.Horizon ?? ForecastRunRequest.DefaultHorizon, run.Reconciliation ?? ReconciliationMethods.Default);
        var violations = new List<Violation>();
        if (horizon is < 1 or > 52)
        {
            violations.Add(new Violation("horizon", ProblemCodes.OutOfRange, "horizon is between 1 and 52 weeks."));
        }

        if (!ReconciliationMethods.All.Contains(reconciliation))
        {
            violations.Add(new Violation("reconciliation", ProblemCodes.InvalidValue, $"reconciliation is one of {string.Join(", ", ReconciliationMethods.All)}."));
        }

        if (asOf > DateOnly.FromDateTime(DateTime.UtcNow))
        {
            violations.Add(new Violation("asOf", ProblemCodes.OutOfRange, "asOf is the last day of history to use; it cannot be in the future."));
        }

        EntryProblems.ThrowIfAny(violations);
        var id = await client.ScheduleNewOrchestrationInstanceAsync(WeeklyForecasting.Orchestration, new ForecastRunInput(asOf, horizon, reconciliation),
            new StartOrchestrationOptions { InstanceId = $"demand-forecast-on-demand-{Guid.NewGuid():N}" }, cancellationToken);
        var status = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path.Value?.TrimEnd('/')}/{id}";
        return TypedResults.Accepted(status, new ForecastRunStarted(id, status));
    }

    [Function("ForecastRunStatus")]
    [RequireRole(Role.Viewer)]
    public async Task<Ok<ForecastRunStatus>> Status(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "forecasting/runs/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
        var run = await forecasts.RunAsync(id, cancellationToken);
        if (instance is null && run is null)
        {
            throw new ProblemException(404, ProblemCodes.NotFound, $"No forecast run has id {id}.");
        }

        return TypedResults.Ok(new ForecastRunStatus(
            id,
            instance?.RuntimeStatus.ToString() ?? "Purged",
            Json(instance?.SerializedCustomStatus),
            instance?.FailureDetails?.ErrorMessage,
            run));
    }

    private static JsonElement? Json(string? text)
    {
        if (text is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
