using GoldAnalytics.Data.DemoData;
using GoldAnalytics.Data.DemoData.Loading;
using GoldAnalytics.Testing;

namespace GoldAnalytics.Data.Tests.DemoData;

/// <summary>A fresh shop database with the small demo shop loaded once for the test class.</summary>
public class LoadedShopFixture : IAsyncLifetime
{
    private readonly ShopDatabase _database = new();

    public static DemoProfile Profile { get; } = DemoProfile.Small(seed: 7);

    public string ConnectionString => _database.ConnectionString;

    public LoadSummary Summary { get; private set; } = null!;

    protected virtual IndexStrategy Strategy => IndexStrategy.Keep;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Summary = await new DemoLoader(ConnectionString).LoadAsync(Profile, Strategy);
    }

    public Task DisposeAsync() => _database.DisposeAsync();
}

/// <summary>The same, loaded with indexes and foreign keys dropped and rebuilt.</summary>
public sealed class RebuiltShopFixture : LoadedShopFixture
{
    protected override IndexStrategy Strategy => IndexStrategy.Rebuild;
}
