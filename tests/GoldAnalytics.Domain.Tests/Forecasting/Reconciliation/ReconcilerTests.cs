using GoldAnalytics.Domain.Forecasting.Reconciliation;
using MathNet.Numerics.LinearAlgebra;

namespace GoldAnalytics.Domain.Tests.Forecasting.Reconciliation;

public class ReconcilerTests
{
    // Two categories, three SKUs, five SKU × branch series: 1 shop + 2 categories + 3 SKUs + 5 bottom = 11 nodes.
    private static readonly Hierarchy Shop = Hierarchy.Of(
    [
        new("R-22K-01", "Ring", "Deira"),
        new("R-22K-01", "Ring", "Karama"),
        new("N-18K-07", "Necklace", "Deira"),
        new("N-21K-02", "Necklace", "Deira"),
        new("N-21K-02", "Necklace", "Karama"),
    ]);

    private static Matrix<double> IncoherentBase()
    {
        var random = new Random(30);
        return Matrix<double>.Build.Dense(Shop.Nodes.Count, 4, (_, _) => 5 + 10 * random.NextDouble());
    }

    [Fact]
    public void Summing_matrix_follows_shop_category_sku_branch()
    {
        Shop.Nodes.Should().HaveCount(11);
        Shop.Summing.Row(0).Sum().Should().Be(5);
        Shop.Summing.Row(Shop.Nodes.ToList().IndexOf(new HierarchyNode(HierarchyLevel.Category, "Necklace"))).Sum().Should().Be(3);
        Shop.Summing.Row(Shop.Nodes.ToList().IndexOf(new HierarchyNode(HierarchyLevel.Sku, "R-22K-01"))).Sum().Should().Be(2);
    }

    [Fact]
    public void Bottom_up_keeps_the_bottom_forecasts_and_sums_them()
    {
        var forecasts = IncoherentBase();
        var reconciled = Reconciler.Reconcile(Shop, forecasts, ReconciliationMethod.BottomUp);
        reconciled.SubMatrix(6, 5, 0, 4).Should().BeEquivalentTo(forecasts.SubMatrix(6, 5, 0, 4));
        reconciled[0, 2].Should().BeApproximately(forecasts.SubMatrix(6, 5, 2, 1).ColumnSums()[0], 1e-9);
    }

    [Theory]
    [InlineData(ReconciliationMethod.Ols)]
    [InlineData(ReconciliationMethod.WlsStructural)]
    [InlineData(ReconciliationMethod.MinTShrink)]
    public void Every_method_returns_forecasts_that_add_up(ReconciliationMethod method)
    {
        var residuals = Matrix<double>.Build.Random(11, 40, 31);
        var reconciled = Reconciler.Reconcile(Shop, IncoherentBase(), method, residuals);
        var fromBottom = Shop.Aggregate(reconciled.SubMatrix(6, 5, 0, 4));
        (reconciled - fromBottom).Enumerate().Should().OnlyContain(d => Math.Abs(d) < 1e-8);
    }

    [Theory]
    [InlineData(ReconciliationMethod.Ols)]
    [InlineData(ReconciliationMethod.WlsStructural)]
    [InlineData(ReconciliationMethod.MinTShrink)]
    public void Forecasts_that_already_add_up_are_left_unchanged(ReconciliationMethod method)
    {
        var coherent = Shop.Aggregate(Matrix<double>.Build.Random(5, 3, 32).PointwiseAbs());
        var reconciled = Reconciler.Reconcile(Shop, coherent, method, Matrix<double>.Build.Random(11, 40, 33));
        (reconciled - coherent).Enumerate().Should().OnlyContain(d => Math.Abs(d) < 1e-8);
    }

    [Theory]
    [InlineData(ReconciliationMethod.Ols)]
    [InlineData(ReconciliationMethod.WlsStructural)]
    public void Ols_and_structural_weights_match_the_textbook_projection(ReconciliationMethod method)
    {
        // S (S'W⁻¹S)⁻¹ S'W⁻¹ ŷ with dense matrices, the formula the row-by-row accumulation must reproduce.
        var s = Shop.Summing;
        var forecasts = IncoherentBase();
        var precision = method == ReconciliationMethod.Ols
            ? Matrix<double>.Build.DenseIdentity(s.RowCount)
            : Matrix<double>.Build.DenseOfDiagonalVector(s.RowSums().Map(n => 1 / n));
        var weighted = s.TransposeThisAndMultiply(precision);
        var expected = s * (weighted * s).Solve(weighted * forecasts);

        var reconciled = Reconciler.Reconcile(Shop, forecasts, method);

        (reconciled - expected).Enumerate().Should().OnlyContain(d => Math.Abs(d) < 1e-9);
    }

    [Fact]
    public void Shrinkage_keeps_the_variances_and_shrinks_the_covariances()
    {
        var residuals = Matrix<double>.Build.Random(4, 12, 34);
        var shrunk = Reconciler.ShrunkCovariance(residuals);
        var centred = residuals - Matrix<double>.Build.Dense(4, 12, (i, _) => residuals.Row(i).Average());
        var sample = centred * centred.Transpose() / 12;
        for (var i = 0; i < 4; i++)
        {
            shrunk[i, i].Should().BeApproximately(sample[i, i], 1e-12);
            for (var j = 0; j < 4; j++)
            {
                if (i != j)
                {
                    Math.Abs(shrunk[i, j]).Should().BeLessThanOrEqualTo(Math.Abs(sample[i, j]) + 1e-12);
                }
            }
        }
    }

    [Fact]
    public void MinT_matches_the_textbook_projection_with_the_inverse_covariance()
    {
        var s = Shop.Summing;
        var forecasts = IncoherentBase();
        var residuals = Matrix<double>.Build.Random(11, 30, 35);
        var precision = Reconciler.ShrunkCovariance(residuals).Inverse();
        var weighted = s.TransposeThisAndMultiply(precision);
        var expected = s * (weighted * s).Solve(weighted * forecasts);

        var reconciled = Reconciler.Reconcile(Shop, forecasts, ReconciliationMethod.MinTShrink, residuals);

        (reconciled - expected).Enumerate().Should().OnlyContain(d => Math.Abs(d) < 1e-8);
    }

    [Fact]
    public void MinT_keeps_the_forecasts_of_the_nodes_with_the_smallest_errors()
    {
        // Bottom series forecast a hundred times more precisely than the aggregates: MinT is then close to bottom-up.
        var forecasts = IncoherentBase();
        var random = new Random(36);
        var residuals = Matrix<double>.Build.Dense(11, 60, (node, _) => (node < 6 ? 10 : 0.1) * SyntheticSeries.Normal(random));

        var mint = Reconciler.Reconcile(Shop, forecasts, ReconciliationMethod.MinTShrink, residuals);
        var bottomUp = Reconciler.Reconcile(Shop, forecasts, ReconciliationMethod.BottomUp);
        var ols = Reconciler.Reconcile(Shop, forecasts, ReconciliationMethod.Ols);

        (mint - bottomUp).Enumerate().Select(Math.Abs).Max().Should().BeLessThan(0.05);
        (ols - bottomUp).Enumerate().Select(Math.Abs).Max().Should().BeGreaterThan(0.5, "OLS, blind to the errors, moves the bottom series");
    }
}
