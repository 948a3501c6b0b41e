using GoldAnalytics.Data.Kpis;
using GoldAnalytics.Domain.Kpis.Periods;

namespace GoldAnalytics.Data.Insights.Baskets;

/// <summary>The blocks a range is summed from: months held whole, and single days.</summary>
internal sealed record BlockPlan(List<DateOnly> Months, List<DateOnly> Days);

/// <summary>
/// The basket counts of one filter: month blocks and day blocks. A month that changed, or whose days
/// are mostly held already (the current month), is summed from its days, so the next change to it
/// re-reads one day instead of the month.
/// </summary>
internal sealed class FilterBaskets
{
    private readonly Dictionary<DateOnly, BasketBlock> _months = [];
    private readonly Dictionary<DateOnly, BasketBlock> _days = [];
    private readonly HashSet<DateOnly> _monthsByDay = [];

    public PairSlots Slots { get; } = new();

    public long Entries { get; private set; }

    /// <summary>The blocks the range needs, whether held or not.</summary>
    public BlockPlan Plan(DateRange range)
    {
        var (months, days) = CalendarBlocks.Split(range);
        var whole = new List<DateOnly>();
        foreach (var month in months)
        {
            if (_months.ContainsKey(month) || !ReadsByDay(month))
            {
                whole.Add(month);
            }
            else
            {
                days.AddRange(CalendarBlocks.DaysOf(month));
            }
        }

        days.Sort();
        return new BlockPlan(whole, days);
    }

    public IEnumerable<DateOnly> MissingMonths(BlockPlan plan) => plan.Months.Where(m => !_months.ContainsKey(m));

    public IEnumerable<DateOnly> MissingDays(BlockPlan plan) => plan.Days.Where(d => !_days.ContainsKey(d));

    public void Add(DateOnly start, bool isMonth, BasketBlock block)
    {
        var blocks = isMonth ? _months : _days;
        Entries += block.Entries - (blocks.TryGetValue(start, out var old) ? old.Entries : 0);
        blocks[start] = block;
    }

    /// <summary>Drops the blocks of the changed days and of their month; true when any was held.</summary>
    public bool Drop(DateOnly monthStart, IEnumerable<DateOnly> changedDays)
    {
        var held = Remove(_months, monthStart);
        foreach (var day in changedDays)
        {
            held |= Remove(_days, day);
        }

        return held;
    }

    /// <summary>From now on the month is summed from its days.</summary>
    public void ReadByDay(DateOnly monthStart) => _monthsByDay.Add(monthStart);

    public BasketSums Sum(BlockPlan plan)
    {
        var sums = new long[Slots.Count];
        foreach (var month in plan.Months)
        {
            _months[month].AddTo(sums);
        }

        foreach (var day in plan.Days)
        {
            _days[day].AddTo(sums);
        }

        return new BasketSums(Slots.Keys, sums);
    }

    private bool ReadsByDay(DateOnly monthStart) =>
        _monthsByDay.Contains(monthStart) || CalendarBlocks.DaysOf(monthStart).Count(_days.ContainsKey) * 2 > DateTime.DaysInMonth(monthStart.Year, monthStart.Month);

    private bool Remove(Dictionary<DateOnly, BasketBlock> blocks, DateOnly start)
    {
        if (!blocks.Remove(start, out var block))
        {
            return false;
        }

        Entries -= block.Entries;
        return true;
    }
}
