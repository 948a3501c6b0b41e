using System.Text.Json;
using GoldAnalytics.Functions.Live;
using GoldAnalytics.Runtime.Events;

namespace GoldAnalytics.Functions.Tests.Live;

/// <summary>Reads <c>kpis.changed</c> events off a subscription until one matches.</summary>
internal static class LiveEvents
{
    /// <summary>The first pushed event whose data satisfies the condition, within the timeout.</summary>
    public static async Task<JsonElement> NextAsync(EventSubscription subscription, Func<JsonElement, bool> matches, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var item = await subscription.Live.ReadAsync(cancel.Token);
            if (item.Name == DashboardPush.EventName && JsonDocument.Parse(item.Data).RootElement is var data && matches(data))
            {
                return data.Clone();
            }
        }
    }

    /// <summary>The pushed KPI value of a scope, period and first day, or null when the event has none.</summary>
    public static decimal? Kpi(JsonElement data, string code, int? branch, string period, string from)
    {
        foreach (var kpis in data.GetProperty("kpis").EnumerateArray())
        {
            var branchId = kpis.GetProperty("branchId");
            var sameBranch = branch is null ? branchId.ValueKind == JsonValueKind.Null : branchId.ValueKind == JsonValueKind.Number && branchId.GetInt32() == branch;
            if (sameBranch && kpis.GetProperty("period").GetString() == period && kpis.GetProperty("from").GetString() == from)
            {
                var value = kpis.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("code").GetString() == code).GetProperty("value");
                return value.ValueKind == JsonValueKind.Null ? null : value.GetDecimal();
            }
        }

        return null;
    }

    /// <summary>A KPI's value as the dashboard reads it from the KPI endpoint.</summary>
    public static decimal? FromReport(JsonElement report, string code)
    {
        var value = report.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("code").GetString() == code).GetProperty("value");
        return value.ValueKind == JsonValueKind.Null ? null : value.GetDecimal();
    }
}
