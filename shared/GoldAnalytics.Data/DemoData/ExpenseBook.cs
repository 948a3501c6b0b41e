using GoldAnalytics.Data.DemoData.Rows;

namespace GoldAnalytics.Data.DemoData;

/// <summary>Running costs: monthly rent, insurance, security, utilities, salaries and marketing, and maintenance when something breaks.</summary>
public sealed class ExpenseBook(DemoProfile profile, Organisation organisation, DemoIds ids, DemoRandom random)
{
    /// <summary>Books the expenses that fall on the day.</summary>
    public void Day(DateOnly day, DemoChunk chunk)
    {
        // Costs grow with the shop's size, less than in proportion.
        var size = (decimal)Math.Sqrt(profile.Scale);
        foreach (var branch in organisation.Branches)
        {
            if (day.Day == 1)
            {
                Add(chunk, branch.Id, "rent", day, branch.MonthlyRent * size, "monthly rent");
                Add(chunk, branch.Id, "insurance", day, random.Money(18_000m, 30_000m) * size, "stock and liability insurance");
                Add(chunk, branch.Id, "security", day, random.Money(40_000m, 60_000m) * size, "guarding and cash transport");
            }

            if (day.Day == 10)
            {
                // Air conditioning makes summer bills higher.
                var summer = day.Month is >= 5 and <= 9 ? 1.4m : 1.0m;
                Add(chunk, branch.Id, "utilities", day, random.Money(35_000m, 60_000m) * summer * size, "electricity, water, telecom");
            }

            if (day.AddDays(1).Day == 1)
            {
                // Salespeople plus the branch's manager, cashiers, guards and back office.
                var payroll = organisation.Salespeople.Where(s => s.BranchId == branch.Id && s.WorksOn(day)).Sum(s => s.MonthlySalary) + 140_000m;
                Add(chunk, branch.Id, "salaries", day, payroll * size, "monthly payroll");
            }

            if (random.Chance(0.05))
            {
                Add(chunk, branch.Id, "maintenance", day, random.Money(2_000m, 30_000m) * size, "repairs and upkeep");
            }

            if (random.Chance(0.03))
            {
                Add(chunk, branch.Id, "other", day, random.Money(500m, 8_000m) * size, "sundries");
            }
        }

        if (day.Day == 5)
        {
            // Campaigns before the festival and wedding season.
            var season = day.Month is 10 or 11 or 12 ? 1.6m : 1.0m;
            Add(chunk, null, "marketing", day, random.Money(250_000m, 450_000m) * season * size, "campaigns and social media");
        }
    }

    private void Add(DemoChunk chunk, int? branchId, string category, DateOnly day, decimal amount, string description) =>
        chunk.Expenses.Add(new ExpenseRow(ids.Expense(), branchId, category, day, Math.Round(amount, 2, MidpointRounding.AwayFromZero), description, ShopClock.Utc(day, 12, 0)));
}
