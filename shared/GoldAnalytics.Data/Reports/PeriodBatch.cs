using GoldAnalytics.Domain.Kpis.Periods;

namespace GoldAnalytics.Data.Reports;

/// <summary>Periods of one grain recomputed together: the unit the nightly run fans out over.</summary>
public sealed record PeriodBatch(PeriodGrain Grain, IReadOnlyList<DateOnly> Starts)
{
    /// <summary>The batch's periods.</summary>
    public IReadOnlyList<Period> Periods => [.. Starts.Select(s => new Period(Grain, s))];

    /// <summary>One batch per grain and calendar year of the period's first day: a full rebuild of three years is about 20 batches.</summary>
    public static IReadOnlyList<PeriodBatch> Of(IEnumerable<Period> periods) =>
        [.. periods.GroupBy(p => (p.Grain, p.Start.Year)).Select(g => new PeriodBatch(g.Key.Grain, [.. g.Select(p => p.Start).Order()]))];

    /// <summary>The batches in the order they must run: each stage reads the periods the one before wrote.</summary>
    public static IReadOnlyList<IReadOnlyList<PeriodBatch>> Stages(IEnumerable<Period> periods)
    {
        var batches = Of(periods);
        PeriodGrain[][] stages = [[PeriodGrain.Day], [PeriodGrain.Week, PeriodGrain.Month], [PeriodGrain.Quarter, PeriodGrain.Year]];
        return [.. stages.Select(grains => (IReadOnlyList<PeriodBatch>)[.. batches.Where(b => grains.Contains(b.Grain))])];
    }
}
