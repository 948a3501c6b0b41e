using System.Net;
using GoldAnalytics.Functions.Tests.Entry;
using GoldAnalytics.Runtime.Keys;

namespace GoldAnalytics.Functions.Tests.Targets;

public sealed class TargetFunctionsTests(EntryHost host) : IClassFixture<EntryHost>
{
    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1999-12-01")]
    [InlineData("2026-11-15")]
    public async Task A_target_for_a_month_that_is_not_one_is_refused_naming_month_and_writes_nothing(string month)
    {
        var manager = await host.KeyAsync(Role.Manager);
        var before = await host.RowCountsAsync();

        var response = await host.SendAsync(HttpMethod.Put, "/api/targets", new { branchId = 1, month, metric = "revenue", value = 1000m }, manager);

        ((int)response.StatusCode).Should().BeInRange(400, 499, await response.Content.ReadAsStringAsync());
        (await EntryHost.JsonAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Should().Contain("month");
        (await host.RowCountsAsync()).Should().Equal(before);
    }

    [Fact]
    public async Task Ten_concurrent_sets_of_one_new_target_each_answer_with_their_own_value_and_audit_one_insert_then_updates()
    {
        var manager = await host.KeyAsync(Role.Manager);

        var answers = await Concurrently.SendAsync(10, i => host.SendAsync(HttpMethod.Put, "/api/targets",
            new { branchId = 2, month = "2026-12-01", metric = "gross_profit", value = 1000m + i }, manager));

        answers.Should().AllSatisfy(a => a.Status.Should().Be(HttpStatusCode.OK, a.ToString()));
        answers.Select(a => a.Json.GetProperty("value").GetDecimal()).Should().BeEquivalentTo(Enumerable.Range(0, 10).Select(i => 1000m + i));
        (await host.ScalarAsync<string>("""
            SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE table_name = 'targets' AND record_id = (2, '2026-12-01'::date, 'gross_profit')::text
            """)).Should().Be("insert" + string.Concat(Enumerable.Repeat(",update", 9)));
    }
}
