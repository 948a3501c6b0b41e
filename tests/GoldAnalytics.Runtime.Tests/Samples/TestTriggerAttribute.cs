using GoldAnalytics.Runtime.Catalogue;

namespace GoldAnalytics.Runtime.Tests.Samples;

/// <summary>A trigger source of the tests' own, proving non-HTTP sources run through the same invoker.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class TestTriggerAttribute(string description = "on demand") : TriggerAttribute
{
    public override string Kind => "testTrigger";

    public override string Describe() => $"testTrigger {description}";
}
