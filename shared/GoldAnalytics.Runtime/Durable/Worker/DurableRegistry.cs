using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Durable.Store;

namespace GoldAnalytics.Runtime.Durable.Worker;

/// <summary>The orchestrators (with their versions) and activities of the app, read from the function catalogue.</summary>
public sealed class DurableRegistry
{
    private readonly Dictionary<string, (FunctionDescriptor Function, string Version)> _orchestrators;
    private readonly Dictionary<string, FunctionDescriptor> _activities;

    /// <summary>Reads orchestrator and activity functions from the catalogue.</summary>
    public DurableRegistry(FunctionCatalogue catalogue)
    {
        _orchestrators = catalogue.WithTrigger<OrchestrationTriggerAttribute>()
            .ToDictionary(x => x.Function.Name, x => (x.Function, x.Trigger.Version), StringComparer.OrdinalIgnoreCase);
        _activities = catalogue.WithTrigger<ActivityTriggerAttribute>()
            .ToDictionary(x => x.Function.Name, x => x.Function, StringComparer.OrdinalIgnoreCase);
        Known = new KnownOrchestrations([.. _orchestrators.Keys], [.. _orchestrators.Values.Select(o => o.Version)]);
        ActivityNames = [.. _activities.Keys];
    }

    /// <summary>Names of the activities this host runs.</summary>
    public IReadOnlyList<string> ActivityNames { get; }

    internal KnownOrchestrations Known { get; }

    /// <summary>The version this host runs for an orchestrator, or null if it has no such orchestrator.</summary>
    public string? VersionOf(string orchestratorName) =>
        _orchestrators.TryGetValue(orchestratorName, out var o) ? o.Version : null;

    /// <summary>The catalogue name of an orchestrator (names are case-insensitive).</summary>
    public string? OrchestratorName(string name) => _orchestrators.TryGetValue(name, out var o) ? o.Function.Name : null;

    /// <summary>The activity function with this name, or null.</summary>
    public FunctionDescriptor? Activity(string name) => _activities.GetValueOrDefault(name);
}
