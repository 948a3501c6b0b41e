using GoldAnalytics.Domain.Forecasting.Reconciliation;
using MathNet.Numerics.LinearAlgebra;

namespace GoldAnalytics.Domain.Tests.Forecasting.Reconciliation;

public class NonNegativeReconciliationTests
{
    // One SKU at two branches: the shop, the category and the SKU are the same total of the two bottom series.
    private static readonly Hierarchy TwoBranches = Hierarchy.Of([new("R-22K-01", "Ring", "Deira"), new("R-22K-01", "Ring", "Karama")]);

    // Two categories, three SKUs, five SKU × branch series: 1 shop + 2 categories + 3 SKUs + 5 bottom = 11 nodes.
    private static readonly Hierarchy Shop = Hierarchy.Of(
    [
        new("R-22K-01", "Ring", "Deira"),
        new("R-22K-01", "Ring", "Karama"),
        new("N-18K-07", "Necklace", "Deira"),
        new("N-21K-02", "Necklace", "Deira"),
        new("N-21K-02", "Necklace", "Karama"),
    ]);

    private static Matrix<double> TwoBranchMinT()
    {
        // Week 1: the total forecast 2, Deira 10, Karama 1. With W = diag(1, 1, 1, 2, 1) MinT minimises
        // 3(b₁ + b₂ − 2)² + (b₁ − 10)²/2 + (b₂ − 1)²: b₁ = 4.6, b₂ = −1.7, total 2.9.
        // Week 2: total 10, Deira 6, Karama 5 gives b₁ = 5.4, b₂ = 4.7, total 10.1, nothing negative.
        var baseForecasts = Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 10 }, { 2, 10 }, { 2, 10 }, { 10, 6 }, { 1, 5 } });
        var covariance = Matrix<double>.Build.DenseOfDiagonalArray([1, 1, 1, 2, 1]);
        return Reconciler.MinimumTrace(TwoBranches, baseForecasts, covariance);
    }

    private static void ShouldBeClose(Vector<double> actual, double[] expected)
    {
        actual.Count.Should().Be(expected.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            actual[i].Should().BeApproximately(expected[i], 1e-9, $"node {i}");
        }
    }

    [Fact]
    public void MinT_can_reconcile_a_slow_branch_below_zero()
    {
        var mint = TwoBranchMinT();

        ShouldBeClose(mint.Column(0), [2.9, 2.9, 2.9, 4.6, -1.7]);
        ShouldBeClose(mint.Column(1), [10.1, 10.1, 10.1, 5.4, 4.7]);
    }

    [Fact]
    public void A_negative_branch_forecast_is_set_to_zero_and_the_totals_are_summed_up_again()
    {
        var corrected = NonNegativeReconciliation.Correct(TwoBranches, TwoBranchMinT());

        corrected.CorrectedBottomValues.Should().Be(1);
        corrected.NegativeAggregateValues.Should().Be(0);
        ShouldBeClose(corrected.Forecasts.Column(0), [4.6, 4.6, 4.6, 4.6, 0]);
        ShouldBeClose(corrected.Forecasts.Column(1), [10.1, 10.1, 10.1, 5.4, 4.7]);
    }

    [Fact]
    public void Corrected_forecasts_are_non_negative_at_every_level_and_add_up_exactly()
    {
        // Small, partly negative bottom forecasts under large aggregates: OLS pushes several branches (and a SKU) below zero.
        var baseForecasts = Matrix<double>.Build.DenseOfArray(new double[,]
        {
            { 1, 2, 1 },
            { 0.5, 2, 1 }, { 0.5, 0, 0 },
            { 0, 0, 0 }, { 0.5, 2, 1 }, { 0, 0, 0 },
            { 6, 4, 0.2 }, { -0.5, 0.1, 0 }, { 0, 0.1, 0 }, { 3, 0.2, 0.1 }, { 0.1, -0.2, 5 },
        });
        var ols = Reconciler.Reconcile(Shop, baseForecasts, ReconciliationMethod.Ols);
        ols.Enumerate().Should().Contain(v => v < 0, "the example must start from negative reconciled forecasts");

        var corrected = NonNegativeReconciliation.Correct(Shop, ols);

        corrected.CorrectedBottomValues.Should().Be(ols.SubMatrix(6, 5, 0, 3).Enumerate().Count(v => v < 0));
        corrected.Forecasts.Enumerate().Should().OnlyContain(v => v >= 0);
        (corrected.Forecasts - Shop.Aggregate(corrected.Forecasts.SubMatrix(6, 5, 0, 3))).Enumerate().Should().OnlyContain(d => d == 0);
        for (var row = 6; row < 11; row++)
        {
            for (var week = 0; week < 3; week++)
            {
                corrected.Forecasts[row, week].Should().Be(Math.Max(ols[row, week], 0));
            }
        }
    }

    [Fact]
    public void Forecasts_with_nothing_negative_are_returned_unchanged()
    {
        var coherent = Shop.Aggregate(Matrix<double>.Build.Random(5, 4, 40).PointwiseAbs());

        var corrected = NonNegativeReconciliation.Correct(Shop, coherent);

        corrected.Forecasts.Should().BeSameAs(coherent);
        corrected.CorrectedBottomValues.Should().Be(0);
        corrected.NegativeAggregateValues.Should().Be(0);
    }

    [Fact]
    public void A_negative_aggregate_left_by_rounding_is_summed_up_again_without_counting_a_correction()
    {
        var forecasts = Shop.Aggregate(Matrix<double>.Build.Dense(5, 1, 0));
        forecasts[0, 0] = -1e-15;

        var corrected = NonNegativeReconciliation.Correct(Shop, forecasts);

        corrected.CorrectedBottomValues.Should().Be(0);
        corrected.NegativeAggregateValues.Should().Be(1);
        corrected.Forecasts.Enumerate().Should().OnlyContain(v => v == 0);
    }

    [Fact]
    public void Forecasts_of_another_hierarchy_are_refused()
    {
        var act = () => NonNegativeReconciliation.Correct(Shop, Matrix<double>.Build.Dense(5, 2));

        act.Should().Throw<ArgumentException>();
    }
}
