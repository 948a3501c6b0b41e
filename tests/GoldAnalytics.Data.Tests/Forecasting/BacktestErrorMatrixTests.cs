using GoldAnalytics.Data.Forecasting;
using GoldAnalytics.Domain.Forecasting.Reconciliation;

namespace GoldAnalytics.Data.Tests.Forecasting;

public class BacktestErrorMatrixTests
{
    // One SKU at two branches: shop, category, SKU, then the two SKU × branch series.
    private static readonly Hierarchy Shop = Hierarchy.Of([new("RIN-22K-00001", "ring", "SOUK"), new("RIN-22K-00001", "ring", "MALL")]);

    [Fact]
    public void Nodes_with_the_full_back_test_keep_their_errors_and_a_new_series_gets_naive_errors_in_the_same_weeks()
    {
        // 60 weeks, 13-week horizon: origins after week 47 and week 41, 13 errors each, for the weeks 13..1 and 19..7 before the end.
        double[] Errors(int seed) => [.. Enumerable.Range(0, 26).Select(i => seed + i / 100.0)];
        var full = Enumerable.Range(0, 60).Select(t => (double)(t % 5)).ToArray();
        double[] newcomer = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
        NodeErrors?[] nodes = [new(full, Errors(1)), new(full, Errors(2)), new(full, Errors(3)), new(full, Errors(4)), new(newcomer, [0.5, -0.5])];

        var (errors, naive) = BacktestErrorMatrix.Build(Shop, nodes, 13, 52)!.Value;

        errors.RowCount.Should().Be(5);
        errors.ColumnCount.Should().Be(26);
        errors.Row(2).ToArray().Should().Equal(Errors(3));
        naive.Should().Be(1);
        var weeksBeforeEnd = Enumerable.Range(0, 13).Select(s => 13 - s).Concat(Enumerable.Range(0, 13).Select(s => 19 - s)).ToArray();
        var expected = weeksBeforeEnd.Select(d => 10 - d < 0 ? 0 : newcomer[10 - d] - (10 - d > 0 ? newcomer[10 - d - 1] : 0)).ToArray();
        errors.Row(4).ToArray().Should().Equal(expected);
        expected[..3].Should().Equal([0.0, 0, 0], "the newcomer sold nothing before its history starts");
        expected[12].Should().Be(3 - 5, "the last week's naive error");
    }

    [Fact]
    public void Histories_too_short_to_back_test_give_no_matrix()
    {
        double[] shortHistory = [1, 2, 3, 4, 5];
        NodeErrors?[] nodes = [new(shortHistory, null), new(shortHistory, null), new(shortHistory, null), new(shortHistory, null), null];

        BacktestErrorMatrix.Build(Shop, nodes, 13, 52).Should().BeNull();
    }
}
