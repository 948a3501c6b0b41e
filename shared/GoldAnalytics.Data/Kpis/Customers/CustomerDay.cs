namespace GoldAnalytics.Data.Kpis.Customers;

/// <summary>One day of customer_daily: parallel arrays ordered by customer, then branch.</summary>
public sealed class CustomerDay
{
    private CustomerDay(int[] customers, int[] branches, long[] invoices, long[] netCents, long[] profitCents)
    {
        Customers = customers;
        Branches = branches;
        Invoices = invoices;
        NetCents = netCents;
        ProfitCents = profitCents;
    }

    public int[] Customers { get; }

    public int[] Branches { get; }

    public long[] Invoices { get; }

    public long[] NetCents { get; }

    public long[] ProfitCents { get; }

    /// <summary>Collects one day's rows.</summary>
    public sealed class Builder
    {
        private readonly List<int> _customers = [];
        private readonly List<int> _branches = [];
        private readonly List<long> _invoices = [];
        private readonly List<long> _net = [];
        private readonly List<long> _profit = [];

        public int Count => _customers.Count;

        public void Add(int customer, int branch, long invoices, long netCents, long profitCents)
        {
            _customers.Add(customer);
            _branches.Add(branch);
            _invoices.Add(invoices);
            _net.Add(netCents);
            _profit.Add(profitCents);
        }

        public CustomerDay Build() => new([.. _customers], [.. _branches], [.. _invoices], [.. _net], [.. _profit]);

        public void Clear()
        {
            _customers.Clear();
            _branches.Clear();
            _invoices.Clear();
            _net.Clear();
            _profit.Clear();
        }
    }
}
