using System.Net;
using GoldAnalytics.Runtime.Keys;

namespace GoldAnalytics.Runtime.Tests.Http;

public sealed class RoutePrefixTests : IAsyncLifetime
{
    private readonly RuntimeDatabase _database = new();
    private RuntimeHost _host = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = await RuntimeHost.StartAsync(_database.ConnectionString, """{ "version": "2.0", "extensions": { "http": { "routePrefix": "shop/v2" } } }""");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Functions_move_under_the_route_prefix_of_host_json()
    {
        (await _host.Client.GetAsync("/shop/v2/ping")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await _host.Client.GetAsync("/api/ping")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        var viewer = await _host.KeyAsync(Role.Viewer);
        (await _host.Client.SendAsync(RuntimeHost.Request(HttpMethod.Get, "/shop/v2/openapi.json", viewer))).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
