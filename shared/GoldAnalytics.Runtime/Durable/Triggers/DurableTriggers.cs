using GoldAnalytics.Runtime.Catalogue;

namespace GoldAnalytics.Runtime.Durable;

/// <summary>Marks the <see cref="TaskOrchestrationContext"/> parameter of an orchestrator function.</summary>
public sealed class OrchestrationTriggerAttribute : TriggerAttribute
{
    /// <inheritdoc />
    public override string Kind => "orchestrationTrigger";

    /// <inheritdoc />
    public override bool HasFunctionTimeout => false;

    /// <summary>
    /// The orchestration's version ("" by default). New instances get it; a host only runs instances whose
    /// version it has, so a changed orchestrator gets a new version and old instances finish on old hosts.
    /// </summary>
    public string Version { get; init; } = "";
}

/// <summary>Marks the input parameter of an activity function; the input is deserialised into the parameter's type.</summary>
public sealed class ActivityTriggerAttribute : TriggerAttribute
{
    /// <inheritdoc />
    public override string Kind => "activityTrigger";
}

/// <summary>
/// Marks a <see cref="DurableTaskClient"/> parameter of any function. A binding, not a trigger: the invoker
/// resolves the client from the service provider for it.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class DurableClientAttribute : ServiceBindingAttribute;
