using System.Reflection;

namespace GoldAnalytics.Runtime.Catalogue;

/// <summary>One function of the app: its name, the method that runs it and its single trigger.</summary>
public sealed record FunctionDescriptor(string Name, MethodInfo Method, ParameterInfo TriggerParameter, TriggerAttribute Trigger);

/// <summary>Every function of the app, discovered from <see cref="FunctionAttribute"/> methods.</summary>
public sealed class FunctionCatalogue
{
    private readonly Dictionary<string, FunctionDescriptor> _byName;

    private FunctionCatalogue(IReadOnlyList<FunctionDescriptor> functions)
    {
        Functions = functions;
        _byName = functions.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>All functions, in name order.</summary>
    public IReadOnlyList<FunctionDescriptor> Functions { get; }

    /// <summary>Scans the assemblies' public and internal types for functions; fails with the offending method named.</summary>
    public static FunctionCatalogue Discover(params Assembly[] assemblies)
    {
        var functions = assemblies
            .Distinct()
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => Describe(x.Method, x.Attribute!))
            .OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

        var duplicate = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Function name '{duplicate.Key}' is used by {string.Join(" and ", duplicate.Select(f => $"{f.Method.DeclaringType?.FullName}.{f.Method.Name}"))}; function names must be unique.");
        }

        return new FunctionCatalogue(functions);
    }

    /// <summary>The function with this name (case-insensitive), or null.</summary>
    public FunctionDescriptor? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The functions whose trigger is of type <typeparamref name="TTrigger"/>, with that trigger.</summary>
    public IEnumerable<(FunctionDescriptor Function, TTrigger Trigger)> WithTrigger<TTrigger>()
        where TTrigger : TriggerAttribute =>
        Functions.Where(f => f.Trigger is TTrigger).Select(f => (f, (TTrigger)f.Trigger));

    private static FunctionDescriptor Describe(MethodInfo method, FunctionAttribute attribute)
    {
        var where = $"{method.DeclaringType?.FullName}.{method.Name}";
        if (string.IsNullOrWhiteSpace(attribute.Name))
        {
            throw new InvalidOperationException($"[Function] on {where} needs a name.");
        }

        var triggers = method.GetParameters()
            .Select(p => (Parameter: p, Trigger: p.GetCustomAttribute<TriggerAttribute>()))
            .Where(x => x.Trigger is not null)
            .ToList();
        return triggers.Count == 1
            ? new FunctionDescriptor(attribute.Name, method, triggers[0].Parameter, triggers[0].Trigger!)
            : throw new InvalidOperationException(
                $"Function '{attribute.Name}' ({where}) must have exactly one trigger parameter; it has {triggers.Count}.");
    }
}
