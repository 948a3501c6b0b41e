using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Timers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoldAnalytics.Functions.Operations;

/// <summary>The timer functions' schedules with their last and next run, for the operations page (viewer role).</summary>
public sealed class TimerScheduleFunctions(ITimerSchedules schedules)
{
    [Function("TimerSchedules")]
    public async Task<Ok<IReadOnlyList<TimerScheduleStatus>>> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "operations/timers")] HttpRequest request,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await schedules.GetStatusAsync(cancellationToken));
}
