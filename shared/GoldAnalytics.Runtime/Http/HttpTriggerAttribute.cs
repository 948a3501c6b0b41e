using GoldAnalytics.Runtime.Catalogue;

namespace GoldAnalytics.Runtime.Http;

/// <summary>Who may call an HTTP function: anyone, a holder of a valid key, or an admin key.</summary>
public enum AuthorizationLevel
{
    Anonymous,
    Function,
    Admin,
}

/// <summary>Runs the function for HTTP requests on its route; the parameter receives the <c>HttpRequest</c>.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class HttpTriggerAttribute(AuthorizationLevel authLevel, params string[] methods) : TriggerAttribute
{
    /// <inheritdoc />
    public override string Kind => "httpTrigger";

    /// <summary>Who may call the function.</summary>
    public AuthorizationLevel AuthLevel { get; } = authLevel;

    /// <summary>Upper-case HTTP methods; empty means every method.</summary>
    public IReadOnlyList<string> Methods { get; } = [.. methods.Select(m => m.ToUpperInvariant())];

    /// <summary>Route template under the route prefix (ASP.NET Core syntax); the function name when not set.</summary>
    public string? Route { get; set; }

    /// <summary>Accept query parameters the function does not declare (for functions that read <c>Query</c> themselves).</summary>
    public bool AllowUndeclaredQuery { get; set; }

    /// <inheritdoc />
    public override string Describe() => $"[{string.Join(",", Methods.Count == 0 ? ["ALL"] : Methods)}] {Route}";
}
