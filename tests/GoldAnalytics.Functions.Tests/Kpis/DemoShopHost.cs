using GoldAnalytics.Data.DemoData;
using GoldAnalytics.Data.DemoData.Loading;
using GoldAnalytics.Runtime.Keys;

namespace GoldAnalytics.Functions.Tests.Kpis;

/// <summary>The function app on a database with the small demo shop loaded, and a viewer key.</summary>
public sealed class DemoShopHost : FunctionAppHost, IAsyncLifetime
{
    public string ViewerKey { get; private set; } = "";

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await new DemoLoader(ConnectionString).LoadAsync(DemoProfile.Small(seed: 11), IndexStrategy.Keep);
        ViewerKey = await KeyAsync(Role.Viewer);
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public async Task<HttpResponseMessage> GetAsync(string path, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", key ?? ViewerKey);
        return await Client.SendAsync(request);
    }
}
