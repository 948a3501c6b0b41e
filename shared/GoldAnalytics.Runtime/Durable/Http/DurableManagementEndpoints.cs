using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GoldAnalytics.Runtime.Durable.Http;

/// <summary>Maps the orchestration management API with Durable Functions' routes, status codes and bodies.</summary>
public static class DurableManagementEndpoints
{
    /// <summary>
    /// Maps the API under <paramref name="prefix"/>. Every request must pass <paramref name="isAdmin"/> (the host's
    /// admin-key check); others get 401.
    /// </summary>
    public static RouteGroupBuilder MapDurableTaskManagement(this IEndpointRouteBuilder endpoints, Func<HttpContext, ValueTask<bool>> isAdmin,
        string prefix = HttpManagementPayload.DefaultPrefix)
    {
        var api = endpoints.MapGroup(prefix);
        api.AddEndpointFilter(async (context, next) =>
            await isAdmin(context.HttpContext) ? await next(context) : Problem(StatusCodes.Status401Unauthorized, "admin_key_required", "This API requires an admin key."));

        api.MapPost("/orchestrators/{functionName}/{instanceId?}", (HttpRequest request, string functionName, string? instanceId, DurableTaskClient client, CancellationToken ct) =>
            DurableManagementHandlers.StartAsync(request, functionName, instanceId, client, prefix, ct));
        api.MapGet("/instances/{instanceId}", (HttpRequest request, string instanceId, DurableTaskClient client, CancellationToken ct) =>
            DurableManagementHandlers.GetStatusAsync(request, instanceId, client, prefix, ct));
        api.MapGet("/instances", DurableManagementHandlers.ListAsync);
        api.MapPost("/instances/{instanceId}/raiseEvent/{eventName}", DurableManagementHandlers.RaiseEventAsync);
        api.MapPost("/instances/{instanceId}/terminate", (string instanceId, string? reason, DurableTaskClient client, CancellationToken ct) =>
            DurableManagementHandlers.ControlAsync(instanceId, InstanceControl.Terminate, reason, client, ct));
        api.MapPost("/instances/{instanceId}/suspend", (string instanceId, string? reason, DurableTaskClient client, CancellationToken ct) =>
            DurableManagementHandlers.ControlAsync(instanceId, InstanceControl.Suspend, reason, client, ct));
        api.MapPost("/instances/{instanceId}/resume", (string instanceId, string? reason, DurableTaskClient client, CancellationToken ct) =>
            DurableManagementHandlers.ControlAsync(instanceId, InstanceControl.Resume, reason, client, ct));
        api.MapDelete("/instances/{instanceId}", DurableManagementHandlers.PurgeOneAsync);
        api.MapDelete("/instances", DurableManagementHandlers.PurgeManyAsync);
        return api;
    }

    internal static IResult Problem(int status, string code, string detail) =>
        Results.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });
}
