using System.Globalization;
using System.Text.Json;
using GoldAnalytics.Runtime.Durable.History;
using Microsoft.AspNetCore.Http;
using static GoldAnalytics.Runtime.Durable.Http.DurableManagementEndpoints;

namespace GoldAnalytics.Runtime.Durable.Http;

/// <summary>The management API's handlers: plain methods over <see cref="DurableTaskClient"/> and the request.</summary>
public static class DurableManagementHandlers
{
    private const string ContinuationHeader = "x-ms-continuation-token";

    /// <summary>POST orchestrators/{functionName}/{instanceId?}: starts an instance with the JSON body as input; 202 check-status.</summary>
    public static async Task<IResult> StartAsync(HttpRequest request, string functionName, string? instanceId, DurableTaskClient client, string prefix, CancellationToken ct)
    {
        var (input, error) = await ReadJsonAsync(request, ct);
        if (error is not null)
        {
            return error;
        }

        try
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync(functionName, input, new StartOrchestrationOptions(instanceId), ct);
            return client.CreateCheckStatusResponse(request, id, prefix);
        }
        catch (OrchestrationAlreadyExistsException e)
        {
            return Problem(StatusCodes.Status409Conflict, "instance_exists", e.Message);
        }
    }

    /// <summary>GET instances/{id}: 200 when finished (500 for Failed with returnInternalServerErrorOnFailure), 202 while in progress, 404 if unknown.</summary>
    public static async Task<IResult> GetStatusAsync(HttpRequest request, string instanceId, DurableTaskClient client, string prefix, CancellationToken ct)
    {
        var query = request.Query;
        var showInput = Flag(query["showInput"], true);
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, ct);
        if (instance is null)
        {
            return Problem(StatusCodes.Status404NotFound, "instance_not_found", $"No orchestration instance with id '{instanceId}'.");
        }

        IReadOnlyList<HistoryEvent>? history = null;
        if (Flag(query["showHistory"], false))
        {
            history = await ReadHistoryAsync(client, instanceId, Flag(query["showHistoryOutput"], false), ct);
        }

        var body = InstanceStatusResponse.From(instance, showInput, history);
        if (!instance.IsCompleted)
        {
            return Results.Accepted(HttpManagementPayload.For(request, instanceId, prefix).StatusQueryGetUri, body);
        }

        return instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed && Flag(query["returnInternalServerErrorOnFailure"], false)
            ? Results.Json(body, DurableJson.Options, statusCode: StatusCodes.Status500InternalServerError)
            : Results.Json(body, DurableJson.Options);
    }

    /// <summary>GET instances: filters createdTimeFrom, createdTimeTo, runtimeStatus (comma-separated), instanceIdPrefix, top, showInput; paged by x-ms-continuation-token.</summary>
    public static async Task<IResult> ListAsync(HttpContext context, DurableTaskClient client, CancellationToken ct)
    {
        var query = context.Request.Query;
        if (!TryStatuses(query["runtimeStatus"], out var statuses) || !TryTime(query["createdTimeFrom"], out var from) || !TryTime(query["createdTimeTo"], out var to))
        {
            return Problem(StatusCodes.Status400BadRequest, "bad_filter", "createdTimeFrom/createdTimeTo must be ISO 8601 times and runtimeStatus a comma-separated list of statuses.");
        }

        var top = int.TryParse(query["top"], CultureInfo.InvariantCulture, out var n) && n > 0 ? Math.Min(n, 1000) : 100;
        var showInput = Flag(query["showInput"], false);
        var page = await client.QueryInstancesAsync(new OrchestrationQuery(from, to, statuses, query["instanceIdPrefix"], top,
            context.Request.Headers[ContinuationHeader].FirstOrDefault(), FetchInputsAndOutputs: true), ct);
        if (page.ContinuationToken is { } token)
        {
            context.Response.Headers[ContinuationHeader] = token;
        }

        return Results.Json(page.Instances.Select(i => InstanceStatusResponse.From(i, showInput, null)), DurableJson.Options);
    }

    /// <summary>POST instances/{id}/raiseEvent/{eventName}: 202; 400 for a body that is not JSON; 404 unknown; 410 finished.</summary>
    public static async Task<IResult> RaiseEventAsync(HttpRequest request, string instanceId, string eventName, DurableTaskClient client, CancellationToken ct)
    {
        var (payload, error) = await ReadJsonAsync(request, ct);
        return error ?? ControlResult(instanceId, await client.TryRaiseEventAsync(instanceId, eventName, payload, ct));
    }

    /// <summary>POST instances/{id}/terminate|suspend|resume?reason=: 202; 404 unknown; 410 finished.</summary>
    public static async Task<IResult> ControlAsync(string instanceId, InstanceControl control, string? reason, DurableTaskClient client, CancellationToken ct) =>
        ControlResult(instanceId, await client.TrySendControlAsync(instanceId, control, reason, ct));

    /// <summary>DELETE instances/{id}: purges a finished instance; 200 with the count, 404 if there was nothing to purge.</summary>
    public static async Task<IResult> PurgeOneAsync(string instanceId, DurableTaskClient client, CancellationToken ct)
    {
        var result = await client.PurgeInstanceAsync(instanceId, ct);
        return result.PurgedInstanceCount == 0
            ? Problem(StatusCodes.Status404NotFound, "instance_not_found", $"No finished instance with id '{instanceId}' to purge.")
            : Results.Ok(new { instancesDeleted = result.PurgedInstanceCount });
    }

    /// <summary>DELETE instances?createdTimeFrom&amp;createdTimeTo&amp;runtimeStatus: purges matching finished instances; 404 when none matched.</summary>
    public static async Task<IResult> PurgeManyAsync(HttpContext context, DurableTaskClient client, CancellationToken ct)
    {
        var query = context.Request.Query;
        if (!TryStatuses(query["runtimeStatus"], out var statuses) || !TryTime(query["createdTimeFrom"], out var from) || !TryTime(query["createdTimeTo"], out var to) || from is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "bad_filter", "createdTimeFrom (required) and createdTimeTo must be ISO 8601 times; runtimeStatus a comma-separated list.");
        }

        var result = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, to, statuses), ct);
        return result.PurgedInstanceCount == 0
            ? Problem(StatusCodes.Status404NotFound, "no_instances", "No finished instance matched the filter.")
            : Results.Ok(new { instancesDeleted = result.PurgedInstanceCount });
    }

    private static IResult ControlResult(string instanceId, InstanceControlResult result) => result switch
    {
        InstanceControlResult.Accepted => Results.Accepted(),
        InstanceControlResult.NotFound => Problem(StatusCodes.Status404NotFound, "instance_not_found", $"No orchestration instance with id '{instanceId}'."),
        _ => Problem(StatusCodes.Status410Gone, "instance_finished", $"Instance '{instanceId}' has already finished."),
    };

    private static async Task<List<HistoryEvent>> ReadHistoryAsync(DurableTaskClient client, string instanceId, bool withOutputs, CancellationToken ct)
    {
        var events = new List<HistoryEvent>();
        int? from = 0;
        while (from is { } start)
        {
            var page = await client.GetHistoryAsync(instanceId, start, 500, ct);
            events.AddRange(withOutputs ? page.Events : page.Events.Select(WithoutOutput));
            from = page.NextSequence;
        }

        return events;
    }

    private static HistoryEvent WithoutOutput(HistoryEvent e) => e switch
    {
        TaskCompleted c => c with { Result = null },
        SubOrchestrationCompleted c => c with { Result = null },
        ExecutionCompleted c => c with { Result = null },
        _ => e,
    };

    private static async Task<(object? Value, IResult? Error)> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Body.CanSeek && request.ContentType is null))
        {
            return (null, null);
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "invalid_json", "The request body must be JSON."));
        }
    }

    private static bool Flag(string? value, bool fallback) => bool.TryParse(value, out var flag) ? flag : fallback;

    private static bool TryTime(string? value, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        var ok = DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed);
        time = ok ? parsed : null;
        return ok;
    }

    private static bool TryStatuses(string? value, out List<OrchestrationRuntimeStatus>? statuses)
    {
        statuses = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        statuses = [];
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(part, ignoreCase: true, out var status))
            {
                return false;
            }

            statuses.Add(status);
        }

        return true;
    }
}
