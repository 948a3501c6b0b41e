using GoldAnalytics.Data.Forecasting;
using GoldAnalytics.Domain.Forecasting.Festivals;
using GoldAnalytics.Domain.Sales;
using GoldAnalytics.Functions.Entry;
using GoldAnalytics.Functions.Kpis;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoldAnalytics.Functions.Forecasting;

/// <summary>A festival occurrence to add: its name (e.g. Diwali) and first and last day; one day when lastDay is left out.</summary>
public sealed record AddFestivalRequest(string Name, DateOnly FirstDay, DateOnly? LastDay = null);

/// <summary>The shop's festival calendar in a date range.</summary>
public sealed record FestivalList(IReadOnlyList<FestivalEntry> Festivals);

/// <summary>
/// The festival and holiday calendar the weekly forecast uses for its festival regressors: anyone with a key lists it,
/// managers add and remove occurrences. Changes apply from the next forecast run.
/// </summary>
[RequireRole(Role.Manager)]
public sealed class FestivalCalendarFunctions(FestivalCalendar calendar)
{
    [Function("ListFestivals")]
    [RequireRole(Role.Viewer)]
    public async Task<Ok<FestivalList>> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "forecasting/festivals")] HttpRequest request,
        CancellationToken cancellationToken,
        DateOnly? from = null,
        DateOnly? to = null)
    {
        if (from > to)
        {
            throw KpiQuery.Invalid("to", ProblemCodes.OutOfRange, "to is on or after from (both are days, e.g. 2026-11-01).");
        }

        return TypedResults.Ok(new FestivalList(await calendar.ListAsync(from, to, cancellationToken)));
    }

    [Function("AddFestival")]
    public async Task<Created<FestivalEntry>> Add(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "forecasting/festivals")] HttpRequest request,
        AddFestivalRequest festival,
        CancellationToken cancellationToken)
    {
        var days = new FestivalDays((festival.Name ?? "").Trim(), festival.FirstDay, festival.LastDay ?? festival.FirstDay);
        var violations = new List<Violation>();
        if (days.Name.Length is 0 or > 60)
        {
            violations.Add(new Violation("name", ProblemCodes.InvalidValue, "name is the festival's name, 1 to 60 characters (e.g. Diwali)."));
        }

        if (days.LastDay < days.FirstDay || days.LastDay.DayNumber - days.FirstDay.DayNumber >= 366)
        {
            violations.Add(new Violation("lastDay", ProblemCodes.OutOfRange, "lastDay is on or after firstDay and less than a year later."));
        }

        EntryProblems.ThrowIfAny(violations);
        var added = await calendar.AddAsync(days, request.Actor(), cancellationToken)
            ?? throw new ProblemException(409, "festival_exists", $"{days.Name} already has an occurrence starting {days.FirstDay:yyyy-MM-dd}; remove it first to change its days.");
        return TypedResults.Created($"{request.PathBase}/api/forecasting/festivals/{added.Id}", added);
    }

    [Function("RemoveFestival")]
    public async Task<NoContent> Remove(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "forecasting/festivals/{id}")] HttpRequest request,
        long id,
        CancellationToken cancellationToken) =>
        await calendar.RemoveAsync(id, request.Actor(), cancellationToken)
            ? TypedResults.NoContent()
            : throw new ProblemException(404, ProblemCodes.NotFound, $"The festival calendar has no occurrence {id}.");
}
