using System.Numerics;

namespace GoldAnalytics.Data.Kpis.Customers;

/// <summary>
/// Which customers bought in a span, as two bit sets: at least one invoice, and at least two
/// (a saturating counter, so spans combine by OR without losing "bought twice across spans"),
/// with the span's invoice, net revenue and gross profit sums.
/// </summary>
public sealed class ActivityBits(int customers)
{
    private readonly ulong[] _one = new ulong[(customers + 63) / 64];
    private readonly ulong[] _two = new ulong[(customers + 63) / 64];

    public long Invoices { get; private set; }

    public long NetCents { get; private set; }

    public long ProfitCents { get; private set; }

    /// <summary>Customers with at least one invoice.</summary>
    public long Active => Count(_one);

    /// <summary>Customers with at least two invoices.</summary>
    public long Repeat => Count(_two);

    /// <summary>Adds one day's rows (at the branch, when given).</summary>
    public void Add(CustomerDay rows, int? branch)
    {
        for (var i = 0; i < rows.Customers.Length; i++)
        {
            if (branch is null || rows.Branches[i] == branch)
            {
                Invoices += rows.Invoices[i];
                NetCents += rows.NetCents[i];
                ProfitCents += rows.ProfitCents[i];
                var invoices = rows.Invoices[i];
                if (invoices > 0)
                {
                    var (word, bit) = (rows.Customers[i] >> 6, 1UL << (rows.Customers[i] & 63));
                    if (invoices >= 2 || (_one[word] & bit) != 0)
                    {
                        _two[word] |= bit;
                    }

                    _one[word] |= bit;
                }
            }
        }
    }

    /// <summary>Adds another span of the same customers.</summary>
    public void Add(ActivityBits other)
    {
        Invoices += other.Invoices;
        NetCents += other.NetCents;
        ProfitCents += other.ProfitCents;
        for (var w = 0; w < _one.Length; w++)
        {
            _two[w] |= other._two[w] | (_one[w] & other._one[w]);
            _one[w] |= other._one[w];
        }
    }

    /// <summary>Customers active in both spans.</summary>
    public long ActiveInBoth(ActivityBits other)
    {
        long count = 0;
        for (var w = 0; w < _one.Length; w++)
        {
            count += BitOperations.PopCount(_one[w] & other._one[w]);
        }

        return count;
    }

    private static long Count(ulong[] bits)
    {
        long count = 0;
        foreach (var word in bits)
        {
            count += BitOperations.PopCount(word);
        }

        return count;
    }
}
