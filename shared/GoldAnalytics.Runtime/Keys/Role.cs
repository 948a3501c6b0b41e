namespace GoldAnalytics.Runtime.Keys;

/// <summary>What a key may do; each role includes every role before it.</summary>
public enum Role
{
    Viewer,
    Staff,
    Analyst,
    Manager,
    Admin,
}

/// <summary>The role a caller's key needs to run this function (on a method or its class); overrides the default of viewer for reads and staff for writes.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RequireRoleAttribute(Role role) : Attribute
{
    /// <summary>The least role allowed.</summary>
    public Role Role { get; } = role;
}
