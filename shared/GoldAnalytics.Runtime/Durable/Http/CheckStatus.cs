using Microsoft.AspNetCore.Http;

namespace GoldAnalytics.Runtime.Durable.Http;

/// <summary>The management URLs of one instance, as Durable Functions returns them in a check-status response.</summary>
public sealed record HttpManagementPayload(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string PurgeHistoryDeleteUri,
    string SuspendPostUri,
    string ResumePostUri)
{
    /// <summary>The route prefix of the management API (as Durable Functions').</summary>
    public const string DefaultPrefix = "/runtime/webhooks/durabletask";

    /// <summary>The URLs for an instance, rooted at the request's scheme, host and path base.</summary>
    public static HttpManagementPayload For(HttpRequest request, string instanceId, string prefix = DefaultPrefix)
    {
        var instance = $"{request.Scheme}://{request.Host}{request.PathBase}{prefix}/instances/{Uri.EscapeDataString(instanceId)}";
        return new HttpManagementPayload(
            instanceId,
            instance,
            $"{instance}/raiseEvent/{{eventName}}",
            $"{instance}/terminate?reason={{text}}",
            instance,
            $"{instance}/suspend?reason={{text}}",
            $"{instance}/resume?reason={{text}}");
    }
}

/// <summary>Check-status responses for HTTP functions that start orchestrations.</summary>
public static class DurableTaskClientHttpExtensions
{
    /// <summary>202 Accepted with a <c>Location</c> header (the status URL) and the management URLs as the body.</summary>
    public static IResult CreateCheckStatusResponse(this DurableTaskClient client, HttpRequest request, string instanceId, string prefix = HttpManagementPayload.DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(client);
        var payload = HttpManagementPayload.For(request, instanceId, prefix);
        return Results.Accepted(payload.StatusQueryGetUri, payload);
    }

    /// <summary>The management URLs of an instance, for a response of the function's own shape.</summary>
    public static HttpManagementPayload CreateHttpManagementPayload(this DurableTaskClient client, HttpRequest request, string instanceId, string prefix = HttpManagementPayload.DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(client);
        return HttpManagementPayload.For(request, instanceId, prefix);
    }
}
