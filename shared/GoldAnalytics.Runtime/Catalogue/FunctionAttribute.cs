namespace GoldAnalytics.Runtime.Catalogue;

/// <summary>Marks a method as a function of the app, under a name unique in the app.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class FunctionAttribute(string name) : Attribute
{
    /// <summary>The function's name, as listed at start-up and used by orchestrations to call activities.</summary>
    public string Name { get; } = name;
}

/// <summary>Base of every trigger attribute: exactly one parameter of a function carries one.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public abstract class TriggerAttribute : Attribute
{
    /// <summary>
    /// Whether host.json's <c>functionTimeout</c> limits a call. Orchestrators are exempt: their call spans
    /// durable waits (timers, events) that may last days, and the engine bounds each step itself.
    /// </summary>
    public virtual bool HasFunctionTimeout => true;

    /// <summary>How the trigger is shown in the start-up listing, e.g. "httpTrigger".</summary>
    public abstract string Kind { get; }

    /// <summary>What the start-up listing prints after the function's name, e.g. a schedule or a blob path.</summary>
    public virtual string Describe() => Kind;
}

/// <summary>Base of binding attributes whose parameter the invoker resolves from the service provider by its type.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public abstract class ServiceBindingAttribute : Attribute;
