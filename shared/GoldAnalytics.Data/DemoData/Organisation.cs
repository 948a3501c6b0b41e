using GoldAnalytics.Data.DemoData.Rows;

namespace GoldAnalytics.Data.DemoData;

/// <summary>A branch as the simulation sees it.</summary>
public sealed record DemoBranch(int Id, string Code, double TrafficShare, decimal MonthlyRent);

/// <summary>
/// A salesperson as the simulation sees it: how much they sell, how readily they discount, and
/// whether they run the bullion desk (big revenue in coins and bars, thin margin).
/// </summary>
public sealed record DemoSalesperson(int Id, int BranchId, DateOnly HiredOn, DateOnly? LeftOn, double Share, double DiscountPropensity, decimal MonthlySalary, bool BullionDesk)
{
    /// <summary>True when the salesperson works on the day.</summary>
    public bool WorksOn(DateOnly day) => day >= HiredOn && (LeftOn is null || day <= LeftOn);
}

/// <summary>The demo shop's branches, staff and suppliers.</summary>
public sealed class Organisation
{
    // Branch traffic differs: the souk branch is the busiest, the mall branch the quietest.
    private static readonly (string Code, string Name, string City, double Share, decimal Rent)[] BranchSeeds =
    [
        ("SOUK", "Gold Souk", "Dubai", 1.3, 420_000m),
        ("MALL", "Marina Mall", "Abu Dhabi", 1.0, 510_000m),
        ("CNTR", "City Centre", "Sharjah", 0.7, 290_000m),
    ];

    private static readonly string[] StaffNames =
    [
        "Aisha Rahman", "Omar Haddad", "Priya Nair", "Rahul Mehta", "Fatima Al Mansoori", "Joseph Mathew",
        "Sara Khalil", "Imran Qureshi", "Meera Iyer", "Yousef Darwish", "Anita Fernandes", "Khalid Saeed",
        "Lina Barakat", "Vikram Rao", "Noura Al Ketbi",
    ];

    private static readonly (string Code, string Name, string Country, int LeadTime)[] SupplierSeeds =
    [
        ("EMIR-BUL", "Emirates Bullion Refinery", "AE", 4),
        ("MUM-ART", "Mumbai Artisan Jewels", "IN", 21),
        ("IST-KUY", "Istanbul Kuyumcu", "TR", 18),
        ("VIC-ORO", "Vicenza Oro Lavorazioni", "IT", 30),
        ("DXB-CRF", "Deira Craft Workshop", "AE", 10),
        ("ANT-DIA", "Antwerp Diamond Settings", "BE", 28),
    ];

    /// <summary>Creates the organisation; the first supplier sells bullion (coins and bars).</summary>
    public Organisation(DemoProfile profile, DemoRandom random)
    {
        var opened = profile.StartDate.AddYears(-6);
        for (var b = 0; b < BranchSeeds.Length; b++)
        {
            var seed = BranchSeeds[b];
            Branches.Add(new DemoBranch(b + 1, seed.Code, seed.Share, seed.Rent));
            BranchRows.Add(new BranchRow(b + 1, seed.Code, seed.Name, seed.City, "Asia/Dubai", opened.AddDays(b * 400)));
        }

        var staffId = 0;
        foreach (var branch in Branches)
        {
            // Four salespeople per branch; one leaves during the period and is replaced the next day.
            var leaves = profile.StartDate.AddDays(profile.Days * (branch.Id + 1) / 5);
            for (var s = 0; s < 5; s++)
            {
                staffId++;
                var hired = s < 4 ? profile.StartDate.AddDays(-random.Between(200, 2500)) : leaves.AddDays(1);
                DateOnly? left = s == 3 ? leaves : null;
                var person = new DemoSalesperson(staffId, branch.Id, hired, left, random.Between(0.6, 1.4), random.Between(0.08, 0.55), random.Money(18_000m, 38_000m), BullionDesk: s == 1);
                Salespeople.Add(person);
                var name = StaffNames[(staffId - 1) % StaffNames.Length];
                StaffRows.Add(new StaffRow(staffId, branch.Id, $"S{staffId:D3}", name, Email(name), "salesperson", hired, left));
            }
        }

        for (var i = 0; i < SupplierSeeds.Length; i++)
        {
            var seed = SupplierSeeds[i];
            SupplierRows.Add(new SupplierRow(i + 1, seed.Code, seed.Name, seed.Country, $"orders@{seed.Code.ToLowerInvariant()}.example", $"+{random.Between(100_000_000, 999_999_999)}", seed.LeadTime));
        }
    }

    /// <summary>The branches, in id order.</summary>
    public List<DemoBranch> Branches { get; } = [];

    /// <summary>Every salesperson, in id order.</summary>
    public List<DemoSalesperson> Salespeople { get; } = [];

    /// <summary>Rows for <c>branches</c>.</summary>
    public List<BranchRow> BranchRows { get; } = [];

    /// <summary>Rows for <c>staff</c>.</summary>
    public List<StaffRow> StaffRows { get; } = [];

    /// <summary>Rows for <c>suppliers</c>.</summary>
    public List<SupplierRow> SupplierRows { get; } = [];

    /// <summary>Supplier id and usual lead time of each supplier.</summary>
    public IReadOnlyList<(int Id, int LeadTime)> Suppliers => [.. SupplierRows.Select(s => (s.Id, s.LeadTimeDays))];

    /// <summary>The salespeople working at the branch on the day.</summary>
    public IReadOnlyList<DemoSalesperson> WorkingAt(int branchId, DateOnly day) =>
        [.. Salespeople.Where(s => s.BranchId == branchId && s.WorksOn(day))];

    /// <summary>One of the working salespeople, picked by how much each sells.</summary>
    public static DemoSalesperson PickSalesperson(IReadOnlyList<DemoSalesperson> working, DemoRandom random)
    {
        var target = random.NextDouble() * working.Sum(s => s.Share);
        foreach (var person in working)
        {
            target -= person.Share;
            if (target < 0)
            {
                return person;
            }
        }

        return working[^1];
    }

    private static string Email(string name) => $"{name.ToLowerInvariant().Replace(' ', '.')}@goldshop.example";
}
