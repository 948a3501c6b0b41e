using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GoldAnalytics.Infrastructure.Tests.Azure;

/// <summary>
/// The app settings of the one function app (<c>Microsoft.Web/sites</c>) in a compiled ARM template: each
/// setting's name and the expression of its value. The settings are read as functionapp.bicep declares them,
/// objects in variables combined in <c>siteConfig.appSettings</c>, so any other shape fails loudly here.
/// </summary>
public sealed partial class DeployedAppSettings
{
    private readonly JsonObject _template;

    private DeployedAppSettings(JsonObject template, IReadOnlyDictionary<string, string> values)
    {
        _template = template;
        Values = values;
    }

    /// <summary>Setting name → value expression.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    public static DeployedAppSettings From(JsonObject compiled)
    {
        var sites = Templates(compiled)
            .SelectMany(t => Resources(t).Where(r => r["type"]?.GetValue<string>() == "Microsoft.Web/sites").Select(site => (Template: t, Site: site)))
            .ToList();
        sites.Should().ContainSingle("the deployment has one function app");
        var (template, site) = sites[0];

        var appSettings = site["properties"]?["siteConfig"]?["appSettings"]
            ?? throw new InvalidOperationException("The function app declares no siteConfig.appSettings.");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (appSettings is JsonArray list)
        {
            foreach (var setting in list)
            {
                values[setting!["name"]!.GetValue<string>()] = setting["value"]!.ToJsonString();
            }
        }
        else
        {
            var expression = appSettings.GetValue<string>();
            var variables = VariableReference().Matches(expression).Select(m => m.Groups["name"].Value).ToList();
            variables.Should().NotBeEmpty($"the app settings expression combines variables: {expression}");
            foreach (var name in variables)
            {
                var variable = template["variables"]?[name] as JsonObject
                    ?? throw new InvalidOperationException($"Variable '{name}' of the app settings is not an object literal: {template["variables"]?[name]}");
                foreach (var (setting, value) in variable)
                {
                    values[setting] = value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value!.ToJsonString();
                }
            }
        }

        return new DeployedAppSettings(template, values);
    }

    /// <summary>Whether the setting, or for a configuration section one of its keys (<c>SECTION__key</c>), is declared.</summary>
    public bool Declares(string setting) =>
        Values.ContainsKey(setting) || Values.Keys.Any(name => name.StartsWith(setting + "__", StringComparison.Ordinal));

    /// <summary>Whether the setting's value is <c>@Microsoft.KeyVault(SecretUri=...)</c>, directly or from a template function.</summary>
    public bool IsKeyVaultReference(string name)
    {
        const string reference = "@Microsoft.KeyVault(SecretUri=";
        var value = Values[name];
        if (value.Contains(reference, StringComparison.Ordinal))
        {
            return true;
        }

        var called = FunctionCall().Match(value);
        if (!called.Success)
        {
            return false;
        }

        var output = _template["functions"]?.AsArray()
            .FirstOrDefault(f => f!["namespace"]!.GetValue<string>() == called.Groups["namespace"].Value)?["members"]?[called.Groups["member"].Value]?["output"]?["value"];
        return output?.GetValue<string>().Contains(reference, StringComparison.Ordinal) == true;
    }

    private static IEnumerable<JsonObject> Templates(JsonObject template)
    {
        yield return template;
        foreach (var resource in Resources(template))
        {
            if (resource["properties"] is JsonObject properties && properties["template"] is JsonObject nested)
            {
                foreach (var inner in Templates(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    // languageVersion 2.0 templates keep resources in an object by symbolic name, 1.0 ones in an array.
    private static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject named => named.Select(r => r.Value).OfType<JsonObject>(),
        _ => [],
    };

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^\[(?<namespace>\w+)\.(?<member>\w+)\(")]
    private static partial Regex FunctionCall();
}
