using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using GoldAnalytics.Domain.Sales;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using Microsoft.AspNetCore.Http;

namespace GoldAnalytics.Runtime.Tests.Samples;

public enum Shade
{
    Yellow,
    White,
    RoseGold,
}

public sealed record EntryLine(int Quantity, string? Note = null);

/// <summary>A request with a field of every kind the value limits apply to.</summary>
public sealed record EntryRequest(
    DateOnly Day,
    Shade Shade,
    string Name,
    IReadOnlyList<EntryLine> Lines,
    DateTimeOffset? At = null,
    DateTime? Until = null,
    [StringLength(2000)] string? Notes = null,
    [OneOf("per_gram", "percent")] string? ChargeType = null,
    [MaxDaysAhead(EntryDates.BusinessDaysAhead)] DateOnly? BusinessDate = null,
    [MaxDaysAhead(0)] DateOnly? Birthday = null,
    [RegularExpression("^(receipt|adjustment)$")] string? Kind = null,
    IReadOnlyList<string?>? Tags = null,
    IReadOnlyList<Shade>? Shades = null,
    JsonElement? Extra = null,
    Dictionary<string, string>? Labels = null);

public sealed class EntrySamples
{
    [Function("RecordEntry")]
    public static EntryRequest Record([HttpTrigger(AuthorizationLevel.Function, "post", Route = "entries")] HttpRequest request, EntryRequest entry) => entry;

    [Function("FindEntries")]
    public static string Find(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "entries/{day}/{shade}")] HttpRequest request,
        DateOnly day,
        Shade shade,
        string? name = null,
        DateTimeOffset? since = null,
        Shade? other = null,
        [StringLength(5000)] string? text = null) =>
        $"{day:yyyy-MM-dd} {shade} {name?.Length} {since:O} {other} {text?.Length}";
}
