using System.Collections.Concurrent;
using GoldAnalytics.Runtime.Http;
using Microsoft.AspNetCore.Http;

namespace GoldAnalytics.Runtime.Keys;

/// <summary>
/// Checks a request's key (header <c>x-functions-key</c> or query <c>code</c>) against the store and the
/// role a function needs. Lookups are cached for <see cref="CacheFor"/> so a key costs one query per
/// period, not per request. When a cached lookup expires, one refresh runs in the background while
/// requests keep the previous answer, so a busy key never stalls on the database; a revocation
/// therefore takes effect on other hosts within that period plus one lookup (at once on the host
/// that revoked it). A lookup older than twice the period is never used.
/// </summary>
public sealed class KeyAuthenticator(KeyStore store, TimeProvider clock)
{
    /// <summary>The header clients send their key in.</summary>
    public const string HeaderName = "x-functions-key";

    /// <summary>The query parameter that may carry the key (for EventSource, which cannot set headers).</summary>
    public const string QueryParameter = "code";

    private const int MaxCachedKeys = 10_000;
    private readonly ConcurrentDictionary<string, CachedLookup> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<FunctionKey?>>> _lookups = new(StringComparer.Ordinal);

    /// <summary>How long a lookup (found or not) is reused.</summary>
    public static TimeSpan CacheFor { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Returns the caller, or throws a 401/403 problem saying what is wrong with the key.</summary>
    public async ValueTask<FunctionCaller?> AuthorizeAsync(HttpContext http, AuthorizationLevel level, Role required)
    {
        if (level == AuthorizationLevel.Anonymous)
        {
            return null;
        }

        var secret = SecretOf(http.Request);
        if (string.IsNullOrEmpty(secret))
        {
            throw new ProblemException(401, ProblemCodes.MissingKey, $"This endpoint needs a key: send it in the {HeaderName} header (or the '{QueryParameter}' query parameter).");
        }

        var key = KeySecret.IsWellFormed(secret) ? await FindAsync(secret, http.RequestAborted) : null;
        if (key is null)
        {
            throw new ProblemException(401, ProblemCodes.InvalidKey, "The key is not valid: it is unknown, malformed or revoked. Ask an admin for a new key.");
        }

        if (key.Role < required)
        {
            throw new ProblemException(403, ProblemCodes.ForbiddenRole,
                $"The key '{key.Name}' has role {RoleNames.Of(key.Role)}; this endpoint needs {RoleNames.Of(required)} or above.");
        }

        var caller = new FunctionCaller(key.Id, key.Name, key.Role);
        http.Features.Set(caller);
        return caller;
    }

    /// <summary>Forgets cached lookups of a key, so that a revocation takes effect at once on this host.</summary>
    public void Forget(Guid keyId)
    {
        foreach (var (secret, entry) in _cache)
        {
            if (entry.Key?.Id == keyId)
            {
                _cache.TryRemove(secret, out _);
            }
        }
    }

    private static string? SecretOf(HttpRequest request) =>
        request.Headers.TryGetValue(HeaderName, out var header) && header.Count > 0 && !string.IsNullOrEmpty(header[0])
            ? header[0]
            : request.Query.TryGetValue(QueryParameter, out var code) ? code.FirstOrDefault() : null;

    private async ValueTask<FunctionKey?> FindAsync(string secret, CancellationToken cancellationToken)
    {
        // Cached by the secret itself so a cached check costs no hashing; only the hash ever reaches the database.
        var now = clock.GetTimestamp();
        if (_cache.TryGetValue(secret, out var cached))
        {
            if (now < cached.FreshUntil)
            {
                return cached.Key;
            }

            if (now < cached.UsableUntil)
            {
                _ = LookUp(secret);
                return cached.Key;
            }
        }

        return await LookUp(secret).WaitAsync(cancellationToken);
    }

    // One query per key at a time, however many requests are waiting for it.
    private Task<FunctionKey?> LookUp(string secret) =>
        _lookups.GetOrAdd(secret, _ => new Lazy<Task<FunctionKey?>>(() => LoadAsync(secret))).Value;

    private async Task<FunctionKey?> LoadAsync(string secret)
    {
        try
        {
            var key = await store.FindActiveAsync(KeySecret.Hash(secret), CancellationToken.None);
            if (_cache.Count >= MaxCachedKeys)
            {
                _cache.Clear();
            }

            var period = (long)(CacheFor.TotalSeconds * clock.TimestampFrequency);
            var now = clock.GetTimestamp();
            _cache[secret] = new CachedLookup(key, now + period, now + 2 * period);
            return key;
        }
        finally
        {
            _lookups.TryRemove(secret, out _);
        }
    }

    private sealed record CachedLookup(FunctionKey? Key, long FreshUntil, long UsableUntil);
}

/// <summary>Reads who called the current request.</summary>
public static class FunctionCallerExtensions
{
    /// <summary>The caller known from the request's key, or null for an anonymous request.</summary>
    public static FunctionCaller? Caller(this HttpContext http) => http.Features.Get<FunctionCaller>();
}
