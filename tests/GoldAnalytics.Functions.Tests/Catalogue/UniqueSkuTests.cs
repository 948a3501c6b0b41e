using GoldAnalytics.Functions.Tests.Entry;

namespace GoldAnalytics.Functions.Tests.Catalogue;

public sealed class UniqueSkuTests(EntryHost host) : IClassFixture<EntryHost>
{
    [Fact]
    public async Task Twenty_concurrent_creates_with_one_sku_make_one_product_and_answer_409_naming_sku_to_the_others()
    {
        var answers = await Concurrently.SendAsync(20, i => host.SendAsync(HttpMethod.Post, "/api/products", new
        {
            sku = "RNG-22-RACE", name = $"Band {i}", category = "ring", productLineId = 1, karat = 22, netWeightG = 4m, makingChargeType = "per_gram", makingChargeValue = 10m, unitCost = 25m,
        }));

        Concurrently.OneCreatedTheRestConflict(answers, "duplicate_sku", "sku");
        (await host.ScalarAsync<long>("SELECT count(*) FROM products WHERE sku = 'RNG-22-RACE'")).Should().Be(1);
        (await host.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE kind = 'catalogue.product.created'")).Should().Be(1);
    }
}
