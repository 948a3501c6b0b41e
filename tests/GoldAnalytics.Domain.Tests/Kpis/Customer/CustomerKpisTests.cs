using GoldAnalytics.Domain.Kpis.Customer;

namespace GoldAnalytics.Domain.Tests.Kpis.Customer;

public sealed class CustomerKpisTests
{
    // 200 active (50 new, 40 repeat), 300 invoices, 600 000 revenue, 150 000 profit; 250 active before, 150 of them retained.
    private static readonly CustomerTotals Year = new(200, 50, 40, 300, 600_000m, 150_000m, 250, 150);

    [Fact]
    public void Acquisition_repeat_and_frequency_divide_by_active_customers()
    {
        CustomerKpis.AcquisitionRate(Year).Value.Should().Be(0.25m);
        CustomerKpis.RepeatPurchaseRate(Year).Value.Should().Be(0.2m);
        CustomerKpis.PurchaseFrequency(Year).Value.Should().Be(1.5m);
        CustomerKpis.AverageOrderValue(Year).Value.Should().Be(2_000m);
    }

    [Fact]
    public void Retention_counts_previous_customers_who_came_back_and_churn_is_the_rest()
    {
        CustomerKpis.Retention(Year).Value.Should().Be(0.6m);
        CustomerKpis.Churn(Year).Value.Should().Be(0.4m);
    }

    [Fact]
    public void Simple_lifetime_value_is_yearly_profit_per_customer_over_churn()
    {
        // 150 000 / 200 = 750 a year, lifetime 1 / 0.4 = 2.5 years.
        CustomerKpis.SimpleLifetimeValue(Year).Value.Should().Be(1_875m);
    }

    [Fact]
    public void Without_earlier_customers_retention_churn_and_lifetime_value_have_reasons()
    {
        var first = Year with { ActiveBefore = 0, Retained = 0 };

        CustomerKpis.Retention(first).NullReason.Should().Contain("previous period");
        CustomerKpis.Churn(first).HasValue.Should().BeFalse();
        CustomerKpis.SimpleLifetimeValue(first).HasValue.Should().BeFalse();
        CustomerKpis.SimpleLifetimeValue(Year with { Retained = 250 }).NullReason.Should().Contain("no churn");
    }

    [Fact]
    public void Cohort_lifetime_value_only_averages_cohorts_old_enough()
    {
        var cohorts = new[]
        {
            new Cohort(new(2024, 1, 1), 10, [1_000m, 500m, 200m]),
            new Cohort(new(2024, 2, 1), 30, [3_000m, 900m]),
            new Cohort(new(2024, 3, 1), 0, []),
        };

        var curve = CohortLifetimeValue.Curve(cohorts, 4);

        curve[0].Value.Should().Be(100m);             // (1000 + 3000) / 40
        curve[1].Value.Should().Be(135m);             // (1500 + 3900) / 40
        curve[2].Value.Should().Be(170m);             // 1700 / 10, only January is three months old
        curve[2].Cohorts.Should().Be(1);
        curve[3].Value.Should().BeNull();
    }

    [Fact]
    public void Cohort_matrix_gives_the_share_of_each_cohort_active_in_later_months()
    {
        DateOnly jan = new(2024, 1, 1), feb = new(2024, 2, 1), mar = new(2024, 3, 1);
        var customers = new[]
        {
            new CustomerMonths(1, jan, new HashSet<DateOnly> { jan, feb }),
            new CustomerMonths(2, jan, new HashSet<DateOnly> { jan, mar }),
            new CustomerMonths(3, jan, new HashSet<DateOnly> { jan }),
            new CustomerMonths(4, jan, new HashSet<DateOnly> { jan, feb, mar }),
            new CustomerMonths(5, feb, new HashSet<DateOnly> { feb, mar }),
        };

        var matrix = CohortRetention.Matrix(customers, jan, mar);

        matrix.Should().HaveCount(3);
        matrix[0].Customers.Should().Be(4);
        matrix[0].Retention.Should().Equal(1m, 0.5m, 0.5m);
        matrix[1].Retention.Should().Equal(1m, 1m);
        matrix[2].Customers.Should().Be(0);
        matrix[2].Retention.Should().Equal(0m);
    }
}
