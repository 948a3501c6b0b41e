using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoldAnalytics.Functions.Operations;

/// <summary>A key to create: who it is for and what it may do.</summary>
public sealed record NewKey(
    [Required(ErrorMessage = "name is required: say who or what the key is for.")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9 ._@-]{0,99}$", ErrorMessage = "name must be 1-100 letters, digits, spaces or . _ @ - and start with a letter or digit.")] string Name,
    Role Role);

/// <summary>A key as admins see it; the secret only in the answer to its creation.</summary>
public sealed record KeyView(Guid Id, string Name, Role Role, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret = null)
{
    public static KeyView Of(FunctionKey key, string? secret = null) => new(key.Id, key.Name, key.Role, key.Prefix, key.CreatedAt, key.RevokedAt, secret);
}

/// <summary>Admin API of function keys: create (the secret is shown once), list, revoke.</summary>
public sealed class KeyFunctions(KeyStore keys, KeyAuthenticator authenticator)
{
    [Function("CreateKey")]
    public async Task<Created<KeyView>> Create(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "keys")] HttpRequest request,
        NewKey key,
        CancellationToken cancellationToken)
    {
        var created = await keys.CreateAsync(key.Name, key.Role, cancellationToken);
        return TypedResults.Created($"{request.PathBase}{request.Path}/{created.Key.Id}", KeyView.Of(created.Key, created.Secret));
    }

    [Function("ListKeys")]
    public async Task<Ok<IReadOnlyList<KeyView>>> List(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "keys")] HttpRequest request,
        CancellationToken cancellationToken,
        bool includeRevoked = false)
    {
        var all = await keys.ListAsync(includeRevoked, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<KeyView>>([.. all.Select(k => KeyView.Of(k))]);
    }

    [Function("RevokeKey")]
    public async Task<Ok<KeyView>> Revoke(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = "keys/{id}")] HttpRequest request,
        Guid id,
        CancellationToken cancellationToken)
    {
        var revoked = await keys.RevokeAsync(id, cancellationToken)
            ?? throw new ProblemException(404, ProblemCodes.NotFound, $"No key has id {id}; list the keys with GET /api/keys.");
        authenticator.Forget(id);
        return TypedResults.Ok(KeyView.Of(revoked));
    }
}
