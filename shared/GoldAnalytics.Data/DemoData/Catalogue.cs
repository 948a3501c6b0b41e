using GoldAnalytics.Data.DemoData.Rows;
using GoldAnalytics.Domain.Pricing;

namespace GoldAnalytics.Data.DemoData;

/// <summary>A product as the simulation sees it: its row, its pricing terms and how popular it is.</summary>
public sealed record DemoProduct(ProductRow Row, MakingCharge Making, double Popularity, bool Investment, decimal TaxRate, DateOnly LaunchedOn)
{
    /// <summary>The product's id.</summary>
    public int Id => Row.Id;

    /// <summary>True when customers can buy it on the day.</summary>
    public bool OnSaleOn(DateOnly day) => day >= LaunchedOn && (Row.DiscontinuedOn is not { } end || day < end);
}

/// <summary>The demo catalogue: product lines and products over the categories and karats.</summary>
public sealed class Catalogue
{
    private sealed record CategorySeed(string Code, string Noun, double Share, double Demand, double MinGrams, double MaxGrams);

    private static readonly CategorySeed[] Categories =
    [
        new("ring", "Ring", 0.20, 1.2, 2, 9),
        new("necklace", "Necklace", 0.12, 0.6, 12, 70),
        new("bangle", "Bangle", 0.12, 0.8, 8, 45),
        new("earring", "Earrings", 0.15, 1.2, 2, 12),
        new("chain", "Chain", 0.12, 1.0, 4, 35),
        new("pendant", "Pendant", 0.09, 1.0, 1.5, 10),
        new("bracelet", "Bracelet", 0.09, 0.8, 5, 28),
        new("coin", "Coin", 0.06, 1.4, 1, 20),
        new("bar", "Bar", 0.05, 0.6, 5, 100),
    ];

    private static readonly (string Code, string Name)[] Lines =
    [
        ("bridal", "Bridal"), ("everyday", "Everyday"), ("heritage", "Heritage"), ("diamond", "Diamond Collection"), ("kids", "Little Ones"), ("investment", "Investment Gold"),
    ];

    private static readonly string[] Styles = ["Filigree", "Classic", "Twisted", "Hammered", "Floral", "Royal", "Minimal", "Rope", "Lattice", "Crescent", "Peacock", "Temple"];
    private static readonly decimal[] CoinGrams = [1m, 2m, 2.5m, 4m, 5m, 8m, 10m, 20m];
    private static readonly decimal[] BarGrams = [5m, 10m, 20m, 50m, 100m];

    /// <summary>Creates the catalogue.</summary>
    public Catalogue(DemoProfile profile, IReadOnlyList<(int Id, int LeadTime)> suppliers, DemoRandom random)
    {
        for (var i = 0; i < Lines.Length; i++)
        {
            LineRows.Add(new ProductLineRow(i + 1, Lines[i].Code, Lines[i].Name));
        }

        var counts = Categories.Select(c => Math.Max(2, (int)Math.Round(profile.Products * c.Share))).ToArray();
        counts[0] += profile.Products - counts.Sum();
        var id = 0;
        for (var c = 0; c < Categories.Length; c++)
        {
            for (var rank = 1; rank <= counts[c]; rank++)
            {
                id++;
                Products.Add(CreateProduct(id, rank, Categories[c], profile, suppliers, random));
            }
        }
    }

    /// <summary>Rows for <c>product_lines</c>.</summary>
    public List<ProductLineRow> LineRows { get; } = [];

    /// <summary>The products, in id order (ids start at 1).</summary>
    public List<DemoProduct> Products { get; } = [];

    private static DemoProduct CreateProduct(int id, int rank, CategorySeed category, DemoProfile profile, IReadOnlyList<(int Id, int LeadTime)> suppliers, DemoRandom random)
    {
        var investment = category.Code is "coin" or "bar";
        var karat = investment
            ? (category.Code == "bar" || random.Chance(0.7) ? 24 : 22)
            : random.NextDouble() switch { < 0.40 => 22, < 0.65 => 21, < 0.95 => 18, _ => 14 };
        var grams = category.Code switch
        {
            "coin" => random.Pick(CoinGrams),
            "bar" => random.Pick(BarGrams),
            _ => Math.Round((decimal)random.Between(category.MinGrams, category.MaxGrams), 3, MidpointRounding.AwayFromZero),
        };
        var metal = karat > 18 ? "yellow_gold" : random.NextDouble() switch { < 0.6 => "yellow_gold", < 0.85 => "white_gold", _ => "rose_gold" };
        var diamond = !investment && karat <= 18 && random.Chance(0.35);
        var line = investment ? 6 : diamond ? 4 : grams < 6 && random.Chance(0.25) ? 5 : random.Pick([1, 2, 2, 3]);
        var stones = diamond ? Math.Round((decimal)random.Between(800, 25_000) / 50m) * 50m
            : !investment && random.Chance(0.15) ? random.Money(50m, 600m) : 0m;

        var making = investment
            ? new MakingCharge(MakingChargeType.PerGram, random.Money(category.Code == "bar" ? 2m : 4m, category.Code == "bar" ? 6m : 12m))
            : random.Chance(0.7)
                ? new MakingCharge(MakingChargeType.PerGram, random.Money(grams > 20 ? 12m : 20m, grams > 20 ? 35m : 70m))
                : new MakingCharge(MakingChargeType.Percent, random.Money(6m, 22m));

        // The supplier's price for the piece besides gold, judged at a typical 22K rate of 200 a gram.
        var makingAtReference = making.For(grams, grams * 200m * Karats.Purity(karat));
        var unitCost = Money.Round((makingAtReference * (decimal)random.Between(0.5, 0.75)) + (stones * (decimal)random.Between(0.65, 0.8)));

        var supplier = investment ? suppliers[0] : suppliers[1 + random.Next(suppliers.Count - 1)];
        var leadTime = Math.Max(2, supplier.LeadTime + random.Between(-3, 5));
        // A long tail: popularity falls with rank, and a few pieces hardly ever sell (dead stock).
        var popularity = category.Demand / Math.Pow(rank, 0.8) * random.Between(0.6, 1.4) * (random.Chance(0.06) ? 0.02 : 1.0);

        var launched = random.Chance(0.85)
            ? profile.StartDate.AddDays(-random.Between(30, 900))
            : profile.StartDate.AddDays(random.Next(Math.Max(1, profile.Days * 2 / 3)));
        DateOnly? discontinued = random.Chance(0.08) && profile.Days > 120
            ? Max(launched, profile.StartDate).AddDays(90 + random.Next(Math.Max(1, profile.Days - 120)))
            : null;
        if (discontinued > profile.EndDate)
        {
            discontinued = null;
        }

        var style = random.Pick(Styles);
        var row = new ProductRow(
            id,
            $"{category.Code[..3].ToUpperInvariant()}-{karat}K-{id:D5}",
            investment ? $"{grams:0.###} g {karat}K Gold {category.Noun}" : $"{style} {karat}K {category.Noun}",
            category.Code,
            line,
            metal,
            (short)karat,
            grams,
            stones,
            making.TypeCode,
            making.Value,
            unitCost,
            supplier.Id,
            leadTime,
            Math.Round((decimal)random.Between(0.5, 4.0), 2, MidpointRounding.AwayFromZero),
            random.Pick([0.90m, 0.95m, 0.95m, 0.975m, 0.99m]),
            random.Between(0, 2),
            random.Money(50m, 250m),
            launched.ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc),
            discontinued);
        return new DemoProduct(row, making, popularity, investment, investment ? 0m : 0.05m, launched);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
