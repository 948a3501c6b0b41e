namespace GoldAnalytics.Domain.Kpis.Customer;

/// <summary>A customer's recency (last invoice), frequency (invoices) and monetary value (revenue) as of a day.</summary>
public sealed record RfmInput(long CustomerId, DateOnly LastPurchase, long Invoices, decimal Revenue);

/// <summary>A customer's RFM scores (1 worst to 5 best) and named segment.</summary>
public sealed record RfmScore(long CustomerId, int Recency, int Frequency, int Monetary, string Segment)
{
    /// <summary>The three scores as one code, e.g. "545".</summary>
    public string Code => $"{Recency}{Frequency}{Monetary}";
}

/// <summary>RFM scoring by quintiles and the named segments (docs/kpis.md, "RFM").</summary>
public static class Rfm
{
    /// <summary>Scores every customer by quintile of each dimension; equal values always get equal scores.</summary>
    public static IReadOnlyList<RfmScore> Score(IReadOnlyCollection<RfmInput> customers, DateOnly asOf)
    {
        // More recent is better, so recency ranks the negated days since the last purchase.
        var recency = Quintiles(customers, c => -(decimal)(asOf.DayNumber - c.LastPurchase.DayNumber));
        var frequency = Quintiles(customers, c => c.Invoices);
        var monetary = Quintiles(customers, c => c.Revenue);
        return
        [
            .. customers.Select(c => new RfmScore(
                c.CustomerId, recency[c.CustomerId], frequency[c.CustomerId], monetary[c.CustomerId],
                Segment(recency[c.CustomerId], frequency[c.CustomerId], monetary[c.CustomerId]))),
        ];
    }

    /// <summary>
    /// The segment for a score, on recency and the mean of frequency and monetary (the usual
    /// 11-segment grid).
    /// </summary>
    public static string Segment(int recency, int frequency, int monetary)
    {
        var fm = (frequency + monetary) / 2.0;
        return (recency, fm) switch
        {
            ( >= 4, >= 4) => "champions",
            ( >= 3, >= 3) => "loyal",
            ( >= 4, >= 2) => "potential_loyalist",
            (5, _) => "new",
            (4, _) => "promising",
            (3, >= 2) => "need_attention",
            (3, _) => "about_to_sleep",
            ( <= 2, >= 4.5) => "cannot_lose",
            ( <= 2, >= 3) => "at_risk",
            (2, _) => "hibernating",
            _ => "lost",
        };
    }

    // Score = 1 + floor(5 × (customers strictly below) / n): quintiles by rank, ties share the lower score.
    private static Dictionary<long, int> Quintiles(IReadOnlyCollection<RfmInput> customers, Func<RfmInput, decimal> key)
    {
        var sorted = customers.Select(c => (c.CustomerId, Key: key(c))).OrderBy(c => c.Key).ToList();
        var scores = new Dictionary<long, int>(sorted.Count);
        var below = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i > 0 && sorted[i].Key != sorted[i - 1].Key)
            {
                below = i;
            }

            scores[sorted[i].CustomerId] = 1 + (5 * below / sorted.Count);
        }

        return scores;
    }
}
