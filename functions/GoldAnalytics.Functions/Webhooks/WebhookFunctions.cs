using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using GoldAnalytics.Adapters.Webhooks;
using GoldAnalytics.Data.Webhooks;
using GoldAnalytics.Functions.Entry;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoldAnalytics.Functions.Webhooks;

/// <summary>A subscription to create: a name, the receiver's URL and the event kinds it wants.</summary>
public sealed record NewWebhook(string Name, [StringLength(2000)] string Url, IReadOnlyList<string> EventKinds);

/// <summary>Changes to a subscription; what is left out stays.</summary>
public sealed record WebhookChange(string? Name = null, [StringLength(2000)] string? Url = null, IReadOnlyList<string>? EventKinds = null, bool? Enabled = null);

/// <summary>A subscription as managers see it; the secret only in the answer to its creation or rotation.</summary>
public sealed record WebhookView(
    Guid Id, string Name, string Url, IReadOnlyList<string> EventKinds, string SecretPrefix, bool Enabled, string? DisabledReason,
    int ConsecutiveFailures, string CreatedBy, DateTime CreatedAt, DateTime UpdatedAt, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret = null)
{
    public static WebhookView Of(WebhookSubscription s, string? secret = null) =>
        new(s.Id, s.Name, s.Url, s.EventKinds, s.SecretPrefix, s.Enabled, s.DisabledReason, s.ConsecutiveFailures, s.CreatedBy, s.CreatedAt, s.UpdatedAt, secret);
}

/// <summary>Webhook subscriptions (manager role): create (the signing secret is shown once), list, change, rotate the secret, delete, the delivery log and redelivery.</summary>
[RequireRole(Role.Manager)]
public sealed partial class WebhookFunctions(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries, WebhookSecrets secrets, WebhookAllowList allowList)
{
    // A lookup that takes longer passes the subscription check; the delivery checks again anyway.
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    [Function("CreateWebhook")]
    public async Task<Created<WebhookView>> Create(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "webhooks")] HttpRequest request,
        NewWebhook webhook,
        CancellationToken cancellationToken)
    {
        var (name, url, kinds) = await ValidateAsync(webhook.Name, webhook.Url, webhook.EventKinds, cancellationToken);
        RequireKey();
        var id = Guid.NewGuid();
        var (secret, sealedSecret) = secrets.Create(id);
        var created = await subscriptions.CreateAsync(id, name!, url!, kinds!, sealedSecret, request.Actor(), cancellationToken);
        return TypedResults.Created($"{request.PathBase}/api/webhooks/{id}", WebhookView.Of(created, secret));
    }

    [Function("ListWebhooks")]
    public async Task<Ok<IReadOnlyList<WebhookView>>> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "webhooks")] HttpRequest request,
        CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<WebhookView>>([.. (await subscriptions.ListAsync(cancellationToken)).Select(s => WebhookView.Of(s))]);

    [Function("GetWebhook")]
    public async Task<Ok<WebhookView>> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "webhooks/{id}")] HttpRequest request,
        Guid id,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(WebhookView.Of(await subscriptions.FindAsync(id, cancellationToken) ?? throw NotFound(id)));

    /// <summary>Renames, points elsewhere, changes the kinds, disables or enables (which clears the failure count).</summary>
    [Function("ChangeWebhook")]
    public async Task<Ok<WebhookView>> Change(
        [HttpTrigger(AuthorizationLevel.Function, "patch", Route = "webhooks/{id}")] HttpRequest request,
        Guid id,
        WebhookChange change,
        CancellationToken cancellationToken)
    {
        var (name, url, kinds) = await ValidateAsync(change.Name, change.Url, change.EventKinds, cancellationToken, partial: true);
        var changed = await subscriptions.UpdateAsync(id, name, url, kinds, change.Enabled, cancellationToken) ?? throw NotFound(id);
        return TypedResults.Ok(WebhookView.Of(changed));
    }

    /// <summary>A new signing secret, shown once; the old one stops signing at once.</summary>
    [Function("RotateWebhookSecret")]
    public async Task<Ok<WebhookView>> Rotate(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "webhooks/{id}/rotate-secret")] HttpRequest request,
        Guid id,
        CancellationToken cancellationToken)
    {
        _ = await subscriptions.FindAsync(id, cancellationToken) ?? throw NotFound(id);
        RequireKey();
        var (secret, sealedSecret) = secrets.Create(id);
        var rotated = await subscriptions.ReplaceSecretAsync(id, sealedSecret, cancellationToken) ?? throw NotFound(id);
        return TypedResults.Ok(WebhookView.Of(rotated, secret));
    }

    [Function("DeleteWebhook")]
    public async Task<NoContent> Delete(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "webhooks/{id}")] HttpRequest request,
        Guid id,
        CancellationToken cancellationToken) =>
        await subscriptions.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : throw NotFound(id);

    /// <summary>The subscription's deliveries, newest first; <c>state</c> = pending, delivered or dead.</summary>
    [Function("WebhookDeliveries")]
    public async Task<Ok<IReadOnlyList<DeliveryLogEntry>>> Deliveries(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "webhooks/{id}/deliveries")] HttpRequest request,
        Guid id,
        CancellationToken cancellationToken,
        string? state = null,
        int limit = 100)
    {
        if (state is not (null or "pending" or "delivered" or "dead"))
        {
            throw Invalid("state", "state is pending, delivered or dead.");
        }

        if (limit is < 1 or > 1000)
        {
            throw Invalid("limit", "limit is between 1 and 1000.");
        }

        _ = await subscriptions.FindAsync(id, cancellationToken) ?? throw NotFound(id);
        return TypedResults.Ok(await deliveries.LogAsync(id, state, limit, cancellationToken));
    }

    /// <summary>Posts a delivery again now, with a fresh count of attempts (a dead one, or a replay).</summary>
    [Function("RedeliverWebhook")]
    public async Task<NoContent> Redeliver(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "webhooks/{id}/deliveries/{deliveryId}/redeliver")] HttpRequest request,
        Guid id,
        long deliveryId,
        CancellationToken cancellationToken) =>
        await deliveries.RedeliverAsync(id, deliveryId, cancellationToken)
            ? TypedResults.NoContent()
            : throw new ProblemException(404, ProblemCodes.NotFound, $"Webhook {id} has no delivery {deliveryId}; list them with GET /api/webhooks/{id}/deliveries.");

    private void RequireKey()
    {
        if (!secrets.Available)
        {
            throw new ProblemException(503, "webhook_key_missing", new WebhookKeyMissingException().Message);
        }
    }

    private async Task<(string? Name, Uri? Url, string[]? Kinds)> ValidateAsync(
        string? name, string? url, IReadOnlyList<string>? kinds, CancellationToken cancellationToken, bool partial = false)
    {
        var errors = new List<FieldError>();
        if ((name is null && !partial) || (name is not null && (name.Trim().Length is 0 or > 100)))
        {
            errors.Add(new FieldError("name", ProblemCodes.InvalidValue, "name is 1-100 characters: say who receives the events."));
        }

        Uri? parsed = null;
        if ((url is null && !partial) || (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out parsed) || parsed.Scheme is not ("https" or "http") || url.Length > 2000)))
        {
            errors.Add(new FieldError("url", ProblemCodes.InvalidValue, "url is an absolute http or https URL (https outside a test setup), at most 2000 characters."));
        }
        else if (parsed is not null && await BlockedAsync(parsed, cancellationToken))
        {
            errors.Add(new FieldError("url", WebhookFailures.BlockedAddress,
                "url leads to an address webhooks may not reach (loopback, private, link-local, cloud metadata or reserved): "
                + $"use the receiver's public address, or have an operator allow it in {WebhookServices.Section}:AllowedAddresses."));
        }

        if ((kinds is null && !partial) || (kinds is not null && (kinds.Count is 0 or > 50 || kinds.Any(k => k is null || !KindPattern().IsMatch(k)))))
        {
            errors.Add(new FieldError("eventKinds", ProblemCodes.InvalidValue, "eventKinds lists 1-50 event kinds: exact ('sales.invoice.created'), a prefix ('sales.*') or '*' for all."));
        }

        if (errors.Count > 0)
        {
            throw new ProblemException(422, "validation_failed", $"{errors.Count} field(s) to fix; see errors.", errors);
        }

        return (name?.Trim(), parsed, kinds is null ? null : [.. kinds.Distinct()]);
    }

    // A name that does not resolve (yet) passes: every delivery checks the address again before connecting.
    private async Task<bool> BlockedAsync(Uri url, CancellationToken cancellationToken)
    {
        using var lookup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lookup.CancelAfter(LookupTimeout);
        try
        {
            return (await allowList.CheckAsync(url.IdnHost, lookup.Token)).Blocked;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static ProblemException NotFound(Guid id) => new(404, ProblemCodes.NotFound, $"No webhook has id {id}; list them with GET /api/webhooks.");

    private static ProblemException Invalid(string field, string message) =>
        new(400, ProblemCodes.InvalidValue, message, [new FieldError(field, ProblemCodes.InvalidValue, message)]);

    [GeneratedRegex("^(\\*|[a-z0-9-]+(\\.[a-z0-9-]+)*(\\.\\*)?)$")]
    private static partial Regex KindPattern();
}
