using GoldAnalytics.Data.DemoData.Rows;

namespace GoldAnalytics.Data.DemoData;

/// <summary>
/// Stock per branch and SKU through the period: opening and launch stock, sales that never take more
/// than is on hand (the rest is a lost sale), refunds back into stock, purchase orders raised at the
/// reorder point and received after the lead time, weekly transfers to branches that ran out, and
/// month-end count adjustments. Every change is a stock movement.
/// </summary>
public sealed class StockBook
{
    private readonly DemoProfile _profile;
    private readonly IReadOnlyList<DemoBranch> _branches;
    private readonly IReadOnlyList<DemoProduct> _products;
    private readonly double[] _dailyDemand;
    private readonly DemoIds _ids;
    private readonly DemoRandom _random;
    private readonly int[] _onHand;
    private readonly int[] _onOrder;
    private readonly int[] _lostToday;
    private readonly List<int> _lostCells = [];
    private readonly SortedDictionary<DateOnly, List<(long PurchaseOrderId, int Cell, int Quantity)>> _receipts = [];
    private readonly SortedDictionary<DateOnly, List<(long TransferId, int Cell, int Quantity)>> _arrivals = [];
    private long _purchaseOrderNumber;

    /// <summary>A stock book; <paramref name="dailyDemand"/> is the expected pieces a day per branch × product cell.</summary>
    public StockBook(DemoProfile profile, IReadOnlyList<DemoBranch> branches, IReadOnlyList<DemoProduct> products, double[] dailyDemand, DemoIds ids, DemoRandom random)
    {
        _profile = profile;
        _branches = branches;
        _products = products;
        _dailyDemand = dailyDemand;
        _ids = ids;
        _random = random;
        _onHand = new int[branches.Count * products.Count];
        _onOrder = new int[_onHand.Length];
        _lostToday = new int[_onHand.Length];
    }

    /// <summary>Pieces on hand at the branch.</summary>
    public int OnHand(int branchId, int productId) => _onHand[Cell(branchId, productId)];

    /// <summary>Morning: opening or launch stock, purchase orders due today, transfers arriving.</summary>
    public void OpenDay(DateOnly day, DemoChunk chunk)
    {
        foreach (var product in _products)
        {
            if (day == _profile.StartDate && product.LaunchedOn <= day || day > _profile.StartDate && product.LaunchedOn == day)
            {
                foreach (var branch in _branches)
                {
                    var cell = Cell(branch.Id, product.Id);
                    var quantity = Math.Max(1, ReorderPoint(cell, product) + OrderQuantity(cell));
                    Move(chunk, cell, day, ShopClock.Utc(day, 8, 30), "receipt", quantity, note: day == product.LaunchedOn ? "launch stock" : "opening stock");
                }
            }
        }

        if (_receipts.Remove(day, out var receipts))
        {
            foreach (var (purchaseOrderId, cell, quantity) in receipts)
            {
                _onOrder[cell] -= quantity;
                Move(chunk, cell, day, ShopClock.Utc(day, 9, 0), "receipt", quantity, purchaseOrderId: purchaseOrderId);
            }
        }

        if (_arrivals.Remove(day, out var arrivals))
        {
            foreach (var (transferId, cell, quantity) in arrivals)
            {
                Move(chunk, cell, day, ShopClock.Utc(day, 9, 30), "transfer_in", quantity, transferId: transferId);
            }
        }
    }

    /// <summary>Sells up to <paramref name="wanted"/> pieces; what is not on hand is recorded as a lost sale. Returns the pieces sold.</summary>
    public int Take(int branchId, int productId, int wanted)
    {
        var cell = Cell(branchId, productId);
        var sold = Math.Min(wanted, _onHand[cell]);
        if (sold < wanted)
        {
            if (_lostToday[cell] == 0)
            {
                _lostCells.Add(cell);
            }

            _lostToday[cell] += wanted - sold;
        }

        _onHand[cell] -= sold;
        return sold;
    }

    /// <summary>Records the sale movement of pieces already taken by <see cref="Take"/>.</summary>
    public void RecordSale(DemoChunk chunk, InvoiceLineRow line, DateTime at) =>
        chunk.StockMovements.Add(new StockMovementRow(_ids.Movement(), line.BranchId, line.ProductId, line.BusinessDate, at, "sale", -line.Quantity, -line.WeightGrams, InvoiceLineId: line.Id));

    /// <summary>Puts refunded pieces back into stock.</summary>
    public void Return(DemoChunk chunk, RefundRow refund) =>
        Move(chunk, Cell(refund.BranchId, refund.ProductId), refund.BusinessDate, refund.RefundedAt, "refund_return", refund.Quantity, refundId: refund.Id);

    /// <summary>Evening: lost sales of the day, weekly transfers, month-end counts, and purchase orders for what fell to its reorder point.</summary>
    public void CloseDay(DateOnly day, DemoChunk chunk)
    {
        _lostCells.Sort();
        foreach (var cell in _lostCells)
        {
            chunk.LostSales.Add(new LostSaleRow(BranchOf(cell), ProductOf(cell).Id, day, _lostToday[cell]));
            _lostToday[cell] = 0;
        }

        _lostCells.Clear();
        if (day.DayOfWeek == DayOfWeek.Monday)
        {
            Rebalance(day, chunk);
        }

        if (day.AddDays(1).Day == 1)
        {
            CountAdjustments(day, chunk);
        }

        Reorder(day, chunk);
    }

    /// <summary>On-hand per branch and SKU at the end of the period.</summary>
    public void WriteLevels(DemoChunk chunk, DateTime at)
    {
        for (var cell = 0; cell < _onHand.Length; cell++)
        {
            chunk.StockLevels.Add(new StockLevelRow(BranchOf(cell), ProductOf(cell).Id, _onHand[cell], at));
        }
    }

    private void Rebalance(DateOnly day, DemoChunk chunk)
    {
        foreach (var product in _products.Where(p => p.OnSaleOn(day)))
        {
            foreach (var branch in _branches)
            {
                var cell = Cell(branch.Id, product.Id);
                if (_onHand[cell] > 0)
                {
                    continue;
                }

                var donor = _branches.Select(b => Cell(b.Id, product.Id)).MaxBy(c => _onHand[c]);
                if (_onHand[donor] < 3)
                {
                    continue;
                }

                var quantity = Math.Max(1, _onHand[donor] / 3);
                var arrives = day.AddDays(1);
                var transferId = _ids.Transfer();
                chunk.StockTransfers.Add(new StockTransferRow(transferId, BranchOf(donor), branch.Id, product.Id, quantity, day, arrives <= _profile.EndDate ? arrives : null, ShopClock.Utc(day, 22, 30)));
                Move(chunk, donor, day, ShopClock.Utc(day, 22, 30), "transfer_out", -quantity, transferId: transferId);
                Schedule(_arrivals, arrives, (transferId, cell, quantity));
            }
        }
    }

    private void CountAdjustments(DateOnly day, DemoChunk chunk)
    {
        foreach (var branch in _branches)
        {
            for (var i = 0; i < 3; i++)
            {
                var cell = Cell(branch.Id, _products[_random.Next(_products.Count)].Id);
                var change = i < 2 ? -1 : 1;
                if (_onHand[cell] + change >= 0 && _random.Chance(0.5))
                {
                    Move(chunk, cell, day, ShopClock.Utc(day, 22, 45), "adjustment", change, note: change < 0 ? "count: missing or damaged" : "count: found");
                }
            }
        }
    }

    private void Reorder(DateOnly day, DemoChunk chunk)
    {
        foreach (var branch in _branches)
        {
            var bySupplier = new SortedDictionary<int, List<(DemoProduct Product, int Cell, int Quantity)>>();
            foreach (var product in _products)
            {
                var cell = Cell(branch.Id, product.Id);
                if (!product.OnSaleOn(day) || _onHand[cell] + _onOrder[cell] > ReorderPoint(cell, product))
                {
                    continue;
                }

                if (!bySupplier.TryGetValue(product.Row.SupplierId, out var lines))
                {
                    bySupplier[product.Row.SupplierId] = lines = [];
                }

                lines.Add((product, cell, OrderQuantity(cell)));
            }

            foreach (var (supplierId, lines) in bySupplier)
            {
                RaisePurchaseOrder(day, branch.Id, supplierId, lines, chunk);
            }
        }
    }

    private void RaisePurchaseOrder(DateOnly day, int branchId, int supplierId, List<(DemoProduct Product, int Cell, int Quantity)> lines, DemoChunk chunk)
    {
        var leadTime = lines.Max(l => l.Product.Row.LeadTimeDays);
        var arrives = day.AddDays(Math.Max(1, leadTime + _random.Between(-2, 4)));
        var received = arrives <= _profile.EndDate;
        var id = _ids.PurchaseOrder();
        chunk.PurchaseOrders.Add(new PurchaseOrderRow(
            id, $"PO-{day.Year}-{++_purchaseOrderNumber:D6}", supplierId, branchId, received ? "received" : "ordered",
            day, day.AddDays(leadTime), received ? arrives : null, ShopClock.Utc(day, 23, 0)));
        short lineNo = 0;
        foreach (var (product, cell, quantity) in lines)
        {
            chunk.PurchaseOrderLines.Add(new PurchaseOrderLineRow(_ids.PurchaseOrderLine(), id, ++lineNo, product.Id, quantity, product.Row.UnitCost, received ? quantity : 0));
            _onOrder[cell] += quantity;
            if (received)
            {
                Schedule(_receipts, arrives, (id, cell, quantity));
            }
        }
    }

    // Enough to cover demand over the lead time with a safety margin for its variability.
    private int ReorderPoint(int cell, DemoProduct product)
    {
        var leadDemand = _dailyDemand[cell] * product.Row.LeadTimeDays;
        return (int)Math.Ceiling(leadDemand + (1.3 * Math.Sqrt(leadDemand))) + product.Row.MinStock;
    }

    // About a month of demand per order.
    private int OrderQuantity(int cell) => Math.Max(1, (int)Math.Ceiling(_dailyDemand[cell] * 30));

    private void Move(DemoChunk chunk, int cell, DateOnly day, DateTime at, string kind, int quantity,
        long? purchaseOrderId = null, long? transferId = null, long? refundId = null, string? note = null)
    {
        _onHand[cell] += quantity;
        var product = ProductOf(cell);
        chunk.StockMovements.Add(new StockMovementRow(
            _ids.Movement(), BranchOf(cell), product.Id, day, at, kind, quantity, quantity * product.Row.NetWeightGrams,
            RefundId: refundId, PurchaseOrderId: purchaseOrderId, TransferId: transferId) { Note = note });
    }

    private static void Schedule<T>(SortedDictionary<DateOnly, List<T>> schedule, DateOnly day, T item)
    {
        if (!schedule.TryGetValue(day, out var items))
        {
            schedule[day] = items = [];
        }

        items.Add(item);
    }

    private int Cell(int branchId, int productId) => ((branchId - 1) * _products.Count) + productId - 1;

    private int BranchOf(int cell) => (cell / _products.Count) + 1;

    private DemoProduct ProductOf(int cell) => _products[cell % _products.Count];
}
