namespace GoldAnalytics.Domain.Sales;

/// <summary>One broken rule of an entry: the field (JSON path), a stable code and what to fix.</summary>
public sealed record Violation(string Field, string Code, string Message);
