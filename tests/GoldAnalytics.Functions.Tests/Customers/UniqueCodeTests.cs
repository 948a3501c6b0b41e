using System.Net;
using GoldAnalytics.Functions.Tests.Entry;

namespace GoldAnalytics.Functions.Tests.Customers;

public sealed class UniqueCodeTests(EntryHost host) : IClassFixture<EntryHost>
{
    [Fact]
    public async Task Twenty_concurrent_creates_with_one_code_make_one_customer_and_answer_409_naming_code_to_the_others()
    {
        var audited = await host.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE table_name = 'customers'");

        var answers = await Concurrently.SendAsync(20, i => host.SendAsync(HttpMethod.Post, "/api/customers", new { code = "C-RACE", name = $"Customer {i}" }));

        Concurrently.OneCreatedTheRestConflict(answers, "duplicate_code", "code");
        (await host.ScalarAsync<long>("SELECT count(*) FROM customers WHERE code = 'C-RACE'")).Should().Be(1);
        (await host.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE table_name = 'customers'")).Should().Be(audited + 1);
    }

    [Fact]
    public async Task A_code_another_customer_has_is_a_409_naming_code_on_create_and_on_update_and_writes_nothing()
    {
        (await host.SendAsync(HttpMethod.Post, "/api/customers", new { code = "C-TAKEN", name = "First" })).StatusCode.Should().Be(HttpStatusCode.Created);
        var other = await EntryHost.JsonAsync(await host.SendAsync(HttpMethod.Post, "/api/customers", new { code = "C-OTHER", name = "Second" }));
        var before = await host.RowCountsAsync();

        var created = await host.SendAsync(HttpMethod.Post, "/api/customers", new { code = "C-TAKEN", name = "Third" });
        var updated = await host.SendAsync(HttpMethod.Put, $"/api/customers/{other.GetProperty("id").GetInt64()}", new { code = "C-TAKEN", name = "Second" });

        foreach (var response in new[] { created, updated })
        {
            response.StatusCode.Should().Be(HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
            var problem = await EntryHost.JsonAsync(response);
            problem.GetProperty("code").GetString().Should().Be("duplicate_code");
            problem.GetProperty("errors")[0].GetProperty("field").GetString().Should().Be("code");
        }

        (await host.RowCountsAsync()).Should().Equal(before);
    }
}
