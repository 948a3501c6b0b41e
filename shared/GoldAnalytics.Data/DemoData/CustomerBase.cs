using GoldAnalytics.Data.DemoData.Rows;

namespace GoldAnalytics.Data.DemoData;

/// <summary>
/// The registered customers and who comes back: a few loyal buyers, some regulars, and many who buy
/// once or twice and drift away. A customer's first purchase is on the day they register.
/// </summary>
public sealed class CustomerBase
{
    private static readonly string[] FirstNames =
    [
        "Ahmed", "Mohammed", "Fatima", "Mariam", "Ali", "Hessa", "Rashid", "Noura", "Arjun", "Deepa", "Suresh", "Kavya",
        "Ravi", "Lakshmi", "Anil", "Sunita", "John", "Maria", "David", "Elena", "Hamza", "Zainab", "Tariq", "Layla",
        "Rohan", "Pooja", "Sameer", "Nadia", "Faisal", "Reem", "Kiran", "Shreya", "Yasmin", "Bilal", "Grace", "Thomas",
    ];

    private static readonly string[] LastNames =
    [
        "Al Nuaimi", "Al Falasi", "Al Shamsi", "Khan", "Sharma", "Patel", "Pillai", "Menon", "Hussain", "Siddiqui",
        "Al Zaabi", "Al Marri", "Reddy", "Gupta", "Fernandes", "D'Souza", "Haddad", "Nasser", "Kapoor", "Joshi",
        "Al Hashimi", "Qasim", "Varghese", "Thomas", "Abdullah", "Rahman", "Chowdhury", "Saleh", "Aziz", "Iyer",
    ];

    private static readonly string[] Cities = ["Dubai", "Dubai", "Dubai", "Abu Dhabi", "Abu Dhabi", "Sharjah", "Sharjah", "Ajman", "Al Ain", "Ras Al Khaimah"];

    private readonly List<Profile> _profiles = [];
    private readonly WeightedPicker _active;
    private readonly List<int> _activeIndex = [];
    private readonly Queue<int>[] _waitingFirstPurchase;
    private int _nextRegistration;

    private sealed class Profile(long id, int homeBranchId, DateOnly registeredOn, double weight, DateOnly churnsOn)
    {
        public long Id => id;

        public int HomeBranchId => homeBranchId;

        public DateOnly RegisteredOn => registeredOn;

        public double Weight => weight;

        public DateOnly ChurnsOn => churnsOn;

        public bool Active { get; set; }

        public long LifetimePoints { get; set; }

        public long Balance { get; set; }
    }

    /// <summary>Creates the customer base; rows are in <see cref="Rows"/>, ordered by registration.</summary>
    public CustomerBase(DemoProfile profile, IReadOnlyList<DemoBranch> branches, DemoRandom random)
    {
        var count = profile.Customers * profile.Scale;
        _active = new WeightedPicker(capacity: count);
        _waitingFirstPurchase = [.. branches.Select(_ => new Queue<int>())];
        var branchPicker = new WeightedPicker(branches.Select(b => b.TrafficShare));

        var registrations = new List<DateOnly>(count);
        for (var i = 0; i < count; i++)
        {
            // A third were customers before the period starts; the rest join across it.
            registrations.Add(random.Chance(0.35)
                ? profile.StartDate.AddDays(-random.Between(1, 1800))
                : profile.StartDate.AddDays(random.Next(profile.Days)));
        }

        registrations.Sort();
        for (var i = 0; i < count; i++)
        {
            // Loyal, regular, occasional and one-time buyers: how often they come and for how long.
            var (weight, loyalDays) = random.NextDouble() switch
            {
                < 0.08 => (10.0, 5000),
                < 0.35 => (3.0, random.Between(300, 1500)),
                < 0.70 => (1.0, random.Between(30, 500)),
                _ => (1.0, 0),
            };
            var registered = registrations[i];
            var home = branches[branchPicker.Pick(random)].Id;
            _profiles.Add(new Profile(i + 1, home, registered, weight, registered.AddDays(loyalDays)));
            Rows.Add(CreateRow(i + 1, home, registered, random));
        }

        // Those registered before the period have bought before: they are active from the first day.
        while (_nextRegistration < count && _profiles[_nextRegistration].RegisteredOn < profile.StartDate)
        {
            Activate(_nextRegistration++);
        }
    }

    /// <summary>Rows for <c>customers</c>.</summary>
    public List<CustomerRow> Rows { get; } = [];

    /// <summary>Queues the customers who register on the day for their first purchase.</summary>
    public void OpenDay(DateOnly day)
    {
        while (_nextRegistration < _profiles.Count && _profiles[_nextRegistration].RegisteredOn <= day)
        {
            var index = _nextRegistration++;
            _waitingFirstPurchase[_profiles[index].HomeBranchId - 1].Enqueue(index);
        }
    }

    /// <summary>
    /// The customer of an invoice at the branch: someone making their first purchase if anyone is
    /// waiting, else a returning customer of this branch (or now and then of another) who has not
    /// drifted away. Returns the customer's index, or -1 for an anonymous buyer.
    /// </summary>
    public int PickFor(int branchId, DateOnly day, DemoRandom random)
    {
        if (_waitingFirstPurchase[branchId - 1].TryDequeue(out var first))
        {
            return first;
        }

        if (_active.Count == 0)
        {
            return -1;
        }

        for (var attempt = 0; attempt < 4; attempt++)
        {
            var pick = _activeIndex[_active.Pick(random)];
            var profile = _profiles[pick];
            var elsewhere = profile.HomeBranchId != branchId && random.Chance(0.75);
            if (day <= profile.ChurnsOn && !elsewhere)
            {
                return pick;
            }
        }

        // Nobody we know came in: the buyer stays anonymous.
        return -1;
    }

    /// <summary>Records a completed purchase: a first-time buyer joins the returning customers.</summary>
    public void Bought(int index)
    {
        if (!_profiles[index].Active)
        {
            Activate(index);
        }
    }

    /// <summary>Puts a first-time customer who walked out without buying back in the queue.</summary>
    public void WalkedOut(int index, int branchId)
    {
        if (!_profiles[index].Active)
        {
            _waitingFirstPurchase[branchId - 1].Enqueue(index);
        }
    }

    /// <summary>True once the customer has bought (before the period, or since).</summary>
    public bool IsActive(int index) => _profiles[index].Active;

    /// <summary>The customer's id.</summary>
    public long IdOf(int index) => _profiles[index].Id;

    /// <summary>Points earned over the customer's life (decides the tier).</summary>
    public long LifetimePoints(int index) => _profiles[index].LifetimePoints;

    /// <summary>Points the customer can still redeem.</summary>
    public long Balance(int index) => _profiles[index].Balance;

    /// <summary>Books points earned or redeemed.</summary>
    public void Book(int index, int points)
    {
        var profile = _profiles[index];
        profile.Balance += points;
        if (points > 0)
        {
            profile.LifetimePoints += points;
        }
    }

    private void Activate(int index)
    {
        _profiles[index].Active = true;
        _active.Add(_profiles[index].Weight);
        _activeIndex.Add(index);
    }

    private static CustomerRow CreateRow(long id, int homeBranchId, DateOnly registered, DemoRandom random)
    {
        var first = random.Pick(FirstNames);
        var last = random.Pick(LastNames);
        DateOnly? birthday = random.Chance(0.8) ? new DateOnly(random.Between(1950, 2005), random.Between(1, 12), random.Between(1, 28)) : null;
        var email = random.Chance(0.6) ? $"{first.ToLowerInvariant()}.{last.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal)}{id}@mail.example" : null;
        return new CustomerRow(
            id,
            $"C{id:D7}",
            $"{first} {last}",
            $"+9715{random.Between(0, 9)}{random.Between(1_000_000, 9_999_999)}",
            email,
            birthday,
            random.Pick(Cities),
            homeBranchId,
            registered,
            random.Chance(0.55),
            registered.ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc));
    }
}
