using System.Collections.Concurrent;
using GoldAnalytics.Runtime.Http;
using Microsoft.AspNetCore.Http;

namespace GoldAnalytics.Runtime.Keys;

/// <summary>
/// Checks a request's key (header <c>x-functions-key</c> or query <c>code</c>) against the store and the
/// role a function needs. Lookups are cached for <see cref="CacheFor"/> so a key costs one query per
/// period, not per request, and a cached check neither hashes, awaits nor allocates. A changed or revoked
/// key is forgotten at once on every host through <see cref="KeyChangeListener"/>; should that notice be
/// lost, the period bounds how long a revoked key keeps working: when a cached lookup expires, one refresh
/// runs in the background while requests keep the previous answer (so a busy key never stalls on the
/// database), and a lookup older than twice the period is never used.
/// </summary>
public sealed class KeyAuthenticator(KeyStore store, TimeProvider clock)
{
    /// <summary>The header clients send their key in.</summary>
    public const string HeaderName = "x-functions-key";

    /// <summary>The query parameter that may carry the key (for EventSource, which cannot set headers).</summary>
    public const string QueryParameter = "code";

    private const int MaxCachedKeys = 10_000;
    private readonly ConcurrentDictionary<string, CachedLookup> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<CachedLookup>>> _lookups = new(StringComparer.Ordinal);
    private long _changes;

    /// <summary>How long a lookup (found or not) is reused.</summary>
    public static TimeSpan CacheFor { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Returns the caller, or throws a 401/403 problem saying what is wrong with the key.</summary>
    public ValueTask<FunctionCaller?> AuthorizeAsync(HttpContext http, AuthorizationLevel level, Role required)
    {
        if (level == AuthorizationLevel.Anonymous)
        {
            return ValueTask.FromResult<FunctionCaller?>(null);
        }

        var secret = SecretOf(http.Request);
        if (string.IsNullOrEmpty(secret))
        {
            throw new ProblemException(401, ProblemCodes.MissingKey, $"This endpoint needs a key: send it in the {HeaderName} header (or the '{QueryParameter}' query parameter).");
        }

        // The common case, a key checked a moment ago, answers without awaiting or allocating.
        return TryCached(secret) is { } cached
            ? ValueTask.FromResult<FunctionCaller?>(Admit(http, cached, required))
            : LookUpAndAdmitAsync(http, secret, required);
    }

    /// <summary>Forgets cached lookups of a key, so that a revocation takes effect at once on this host.</summary>
    public void Forget(Guid keyId)
    {
        // Counted first: a lookup already under way when the key changed will not cache its answer.
        Interlocked.Increment(ref _changes);
        foreach (var (secret, entry) in _cache)
        {
            if (entry.Caller?.KeyId == keyId)
            {
                _cache.TryRemove(secret, out _);
            }
        }
    }

    /// <summary>Forgets every cached lookup (after missing notices of changed keys, for instance).</summary>
    public void ForgetAll()
    {
        Interlocked.Increment(ref _changes);
        _cache.Clear();
    }

    private static string? SecretOf(HttpRequest request) =>
        request.Headers.TryGetValue(HeaderName, out var header) && header.Count > 0 && !string.IsNullOrEmpty(header[0])
            ? header[0]
            : request.Query.TryGetValue(QueryParameter, out var code) ? code.FirstOrDefault() : null;

    private async ValueTask<FunctionCaller?> LookUpAndAdmitAsync(HttpContext http, string secret, Role required)
    {
        var lookup = KeySecret.IsWellFormed(secret) ? await LookUp(secret).WaitAsync(http.RequestAborted) : CachedLookup.Unknown;
        return Admit(http, lookup, required);
    }

    private static FunctionCaller Admit(HttpContext http, CachedLookup lookup, Role required)
    {
        if (lookup.Caller is not { } caller)
        {
            throw new ProblemException(401, ProblemCodes.InvalidKey, "The key is not valid: it is unknown, malformed or revoked. Ask an admin for a new key.");
        }

        if (caller.Role < required)
        {
            throw new ProblemException(403, ProblemCodes.ForbiddenRole,
                $"The key '{caller.KeyName}' has role {RoleNames.Of(caller.Role)}; this endpoint needs {RoleNames.Of(required)} or above.");
        }

        http.Features.Set(caller);
        return caller;
    }

    // Cached by the secret itself so a cached check costs no hashing; only the hash ever reaches the database.
    // Null when the key must be looked up before answering.
    private CachedLookup? TryCached(string secret)
    {
        if (!_cache.TryGetValue(secret, out var cached))
        {
            return null;
        }

        var now = clock.GetTimestamp();
        if (now < cached.FreshUntil)
        {
            return cached;
        }

        if (now < cached.UsableUntil)
        {
            _ = LookUp(secret);
            return cached;
        }

        return null;
    }

    // One query per key at a time, however many requests are waiting for it; requests that find it
    // under way (every request while a busy key refreshes) allocate nothing.
    private Task<CachedLookup> LookUp(string secret) =>
        (_lookups.TryGetValue(secret, out var running)
            ? running
            : _lookups.GetOrAdd(secret, static (s, self) => new Lazy<Task<CachedLookup>>(() => self.LoadAsync(s)), this)).Value;

    private async Task<CachedLookup> LoadAsync(string secret)
    {
        try
        {
            var changes = Volatile.Read(ref _changes);
            var key = await store.FindActiveAsync(KeySecret.Hash(secret), CancellationToken.None);
            if (_cache.Count >= MaxCachedKeys)
            {
                _cache.Clear();
            }

            var period = (long)(CacheFor.TotalSeconds * clock.TimestampFrequency);
            var now = clock.GetTimestamp();
            var lookup = new CachedLookup(key is null ? null : new FunctionCaller(key.Id, key.Name, key.Role), now + period, now + 2 * period);
            _cache[secret] = lookup;
            if (Volatile.Read(ref _changes) != changes)
            {
                // A key changed while this lookup ran, so its answer may predate a revocation: serve it to the
                // requests that waited for it, but don't keep it.
                _cache.TryRemove(KeyValuePair.Create(secret, lookup));
            }

            return lookup;
        }
        finally
        {
            _lookups.TryRemove(secret, out _);
        }
    }

    // The caller is made once per lookup and shared by every request with that key: it is immutable.
    private sealed record CachedLookup(FunctionCaller? Caller, long FreshUntil, long UsableUntil)
    {
        public static CachedLookup Unknown { get; } = new(null, 0, 0);
    }
}

/// <summary>Reads who called the current request.</summary>
public static class FunctionCallerExtensions
{
    /// <summary>The caller known from the request's key, or null for an anonymous request.</summary>
    public static FunctionCaller? Caller(this HttpContext http) => http.Features.Get<FunctionCaller>();
}
