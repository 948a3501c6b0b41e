using System.Net;
using GoldAnalytics.Functions.Tests.Entry;

namespace GoldAnalytics.Functions.Tests.Expenses;

public sealed class ExpenseFunctionsTests(EntryHost host) : IClassFixture<EntryHost>
{
    [Fact]
    public async Task An_expense_moved_to_another_day_announces_both_days_and_is_audited()
    {
        var created = await host.SendAsync(HttpMethod.Post, "/api/expenses", new { businessDate = "2026-11-19", category = "utilities", amount = 1250.50m, branchId = 1 });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await EntryHost.JsonAsync(created)).GetProperty("id").GetInt64();

        var moved = await host.SendAsync(HttpMethod.Put, $"/api/expenses/{id}", new { businessDate = "2026-11-20", category = "utilities", amount = 1250.50m, branchId = 1 });
        var deleted = await host.SendAsync(HttpMethod.Delete, $"/api/expenses/{id}");

        moved.StatusCode.Should().Be(HttpStatusCode.OK);
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await host.ScalarAsync<string>("SELECT business_dates::text FROM outbox_events WHERE kind = 'expenses.expense.updated' AND entity_id = @id::text", new { id }))
            .Should().Be("{2026-11-19,2026-11-20}");
        (await host.ScalarAsync<string>("SELECT entered_by FROM expenses WHERE id = @id", new { id })).Should().Be("test-staff");
        (await host.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE table_name = 'expenses' AND record_id = @id::text", new { id })).Should().Be(3);
    }

    [Fact]
    public async Task A_non_positive_amount_and_an_unknown_branch_are_refused()
    {
        var response = await host.SendAsync(HttpMethod.Post, "/api/expenses", new { businessDate = "2026-11-19", category = "rent", amount = -5m, branchId = 9 });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await EntryHost.JsonAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Should().BeEquivalentTo(["amount", "branchId"]);
    }
}
