namespace GoldAnalytics.Domain.Pricing;

/// <summary>How a product's making (labour) charge is quoted.</summary>
public enum MakingChargeType
{
    /// <summary>Money per gram of gold.</summary>
    PerGram,

    /// <summary>A percentage of the gold value (8.5 means 8.5%).</summary>
    Percent,
}

/// <summary>A product's making charge terms.</summary>
public sealed record MakingCharge(MakingChargeType Type, decimal Value)
{
    /// <summary>The charge for a line of the given gold weight and gold value, rounded to money.</summary>
    public decimal For(decimal weightGrams, decimal goldValue) => Type switch
    {
        MakingChargeType.PerGram => Money.Round(weightGrams * Value),
        MakingChargeType.Percent => Money.Round(goldValue * Value / 100m),
        _ => throw new InvalidOperationException($"Unknown making charge type {Type}."),
    };

    /// <summary>The name stored in the database: per_gram or percent.</summary>
    public string TypeCode => Type == MakingChargeType.PerGram ? "per_gram" : "percent";

    /// <summary>Reads the database name of a making charge type.</summary>
    public static MakingChargeType ParseType(string code) => code switch
    {
        "per_gram" => MakingChargeType.PerGram,
        "percent" => MakingChargeType.Percent,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "A making charge is 'per_gram' or 'percent'."),
    };
}
