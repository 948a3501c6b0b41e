using System.Collections;
using System.Reflection;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Invocation;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Runtime.Http;

/// <summary>
/// An HTTP function as the web layer sees it: full route, methods, who may call it, and where each
/// parameter comes from (route, query or JSON body), worked out once from the method's signature.
/// </summary>
public sealed record HttpFunction(
    FunctionDescriptor Function,
    HttpTriggerAttribute Trigger,
    string RoutePattern,
    IReadOnlyList<ParameterInfo> RouteParameters,
    IReadOnlyList<ParameterInfo> QueryParameters,
    ParameterInfo? BodyParameter,
    Role? RequiredRole)
{
    /// <summary>The name of the function.</summary>
    public string Name => Function.Name;

    /// <summary>Query parameter names the function accepts (the key's <c>code</c> always is).</summary>
    public IReadOnlySet<string> AllowedQuery { get; } =
        new HashSet<string>(QueryParameters.Select(p => p.Name!).Append(KeyAuthenticator.QueryParameter), StringComparer.OrdinalIgnoreCase);

    /// <summary>The role a caller needs for this request method: admin at admin level, else the attribute's, else viewer for reads and staff for writes.</summary>
    public Role RoleFor(string method) =>
        Trigger.AuthLevel == AuthorizationLevel.Admin ? Role.Admin
            : RequiredRole ?? (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) ? Role.Viewer : Role.Staff);

    /// <summary>Classifies the function's parameters; fails at start-up naming the function when the signature cannot work.</summary>
    public static HttpFunction From(FunctionDescriptor function, HttpTriggerAttribute trigger, string routePrefix)
    {
        var route = (trigger.Route ?? function.Name).Trim('/');
        var pattern = "/" + string.Join("/", new[] { routePrefix.Trim('/'), route }.Where(s => s.Length > 0));
        var routeNames = RoutePatternFactory.Parse(pattern).Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var bindable = function.Method.GetParameters()
            .Where(p => p != function.TriggerParameter && !IsContextual(p.ParameterType) && !ParameterBinders.IsServiceBound(p))
            .ToList();
        var routeParameters = bindable.Where(p => routeNames.Contains(p.Name!)).ToList();
        var rest = bindable.Except(routeParameters).ToList();
        var bodyCandidates = rest.Where(p => p.GetCustomAttributes().OfType<IFromBodyMetadata>().Any() || !IsSimple(p.ParameterType)).ToList();
        if (bodyCandidates.Count > 1)
        {
            throw new InvalidOperationException(
                $"HTTP function '{function.Name}' has several body parameters ({string.Join(", ", bodyCandidates.Select(p => p.Name))}); combine them into one record.");
        }

        var role = function.Method.GetCustomAttribute<RequireRoleAttribute>()?.Role
            ?? function.Method.DeclaringType?.GetCustomAttribute<RequireRoleAttribute>()?.Role;
        return new HttpFunction(function, trigger, pattern, routeParameters, [.. rest.Except(bodyCandidates)], bodyCandidates.SingleOrDefault(), role);
    }

    /// <summary>Types whose values come from text: route and query parameters.</summary>
    public static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray)
        {
            return IsSimple(type.GetElementType()!);
        }

        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(TimeSpan);
    }

    private static bool IsContextual(Type type) =>
        type == typeof(FunctionContext) || type == typeof(CancellationToken) || type == typeof(ILogger);

    internal static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);
}
