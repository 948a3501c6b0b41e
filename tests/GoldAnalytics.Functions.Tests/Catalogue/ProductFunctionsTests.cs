using System.Net;
using GoldAnalytics.Functions.Tests.Entry;

namespace GoldAnalytics.Functions.Tests.Catalogue;

public sealed class ProductFunctionsTests(EntryHost host) : IClassFixture<EntryHost>
{
    private static object Ring(string sku, int karat = 22, decimal weight = 3.5m) => new
    {
        sku, name = "Twisted band", category = "ring", productLineId = 1, karat, netWeightG = weight, makingChargeType = "per_gram", makingChargeValue = 11m, unitCost = 30m,
    };

    [Fact]
    public async Task A_product_is_created_found_by_autocomplete_updated_and_soft_deleted()
    {
        var created = await host.SendAsync(HttpMethod.Post, "/api/products", Ring("RNG-22-777"));
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await EntryHost.JsonAsync(created)).GetProperty("id").GetInt32();

        var bySku = await EntryHost.JsonAsync(await host.SendAsync(HttpMethod.Get, "/api/products/suggest?q=rng-22-7"));
        var byTypo = await EntryHost.JsonAsync(await host.SendAsync(HttpMethod.Get, "/api/products/suggest?q=Twistd%20bnd"));
        var updated = await host.SendAsync(HttpMethod.Put, $"/api/products/{id}", Ring("RNG-22-777", weight: 3.75m));
        var deleted = await host.SendAsync(HttpMethod.Delete, $"/api/products/{id}");

        bySku[0].GetProperty("code").GetString().Should().Be("RNG-22-777");
        byTypo.EnumerateArray().Select(s => s.GetProperty("id").GetInt64()).Should().Contain(id);
        (await EntryHost.JsonAsync(updated)).GetProperty("netWeightG").GetDecimal().Should().Be(3.75m);
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await host.SendAsync(HttpMethod.Get, $"/api/products/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await host.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE table_name = 'products' AND record_id = @id::text", new { id })).Should().Be(3);
    }

    [Fact]
    public async Task An_unknown_karat_a_non_positive_weight_and_a_taken_sku_are_each_listed()
    {
        var response = await host.SendAsync(HttpMethod.Post, "/api/products", Ring("RNG-22-001", karat: 23, weight: 0));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await EntryHost.JsonAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString())
            .Should().BeEquivalentTo(["karat", "netWeightG", "sku"]);
    }
}
