using System.Net;
using System.Net.Http.Json;
using GoldAnalytics.Runtime.Keys;
using GoldAnalytics.Runtime.Tests.Samples;

namespace GoldAnalytics.Runtime.Tests.Http;

public sealed class RoutingTests(RuntimeHostFixture fixture) : IClassFixture<RuntimeHostFixture>
{
    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Role role = Role.Admin, HttpContent? content = null) =>
        fixture.Client.SendAsync(RuntimeHost.Request(method, path, fixture.Keys[role], content));

    [Fact]
    public async Task Functions_answer_on_their_route_under_the_api_prefix()
    {
        var response = await SendAsync(HttpMethod.Get, "/api/items/7", Role.Viewer);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<ItemView>()).Should().Be(new ItemView(7, "item 7"));
    }

    [Fact]
    public async Task A_function_returning_a_completed_task_answers_no_content()
    {
        var response = await fixture.Client.GetAsync("/api/ping");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task An_unknown_route_is_a_not_found_problem()
    {
        var response = await SendAsync(HttpMethod.Get, "/api/no/such/route");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        problem.GetProperty("detail").GetString().Should().Contain("/api/no/such/route");
    }

    [Fact]
    public async Task A_route_constraint_that_does_not_match_is_not_found()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/orders/not-a-guid/approve", Role.Admin, JsonContent.Create(new Approval("ok")));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_wrong_method_is_a_method_not_allowed_problem_listing_the_allowed_methods()
    {
        var response = await SendAsync(HttpMethod.Delete, "/api/items/7");

        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        response.Content.Headers.Allow.Should().Contain("GET");
    }

    [Fact]
    public async Task A_function_without_methods_answers_every_method()
    {
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete })
        {
            var response = await SendAsync(method, "/api/any");
            (await response.Content.ReadFromJsonAsync<string>()).Should().Be(method.Method);
        }
    }

    [Fact]
    public async Task The_response_carries_the_request_id()
    {
        var response = await fixture.Client.GetAsync("/api/ping");

        response.Headers.GetValues("x-request-id").Single().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task The_start_up_listing_shows_every_function_with_its_trigger()
    {
        var listing = fixture.Host.Listing.ToString();

        listing.Should().StartWith("Functions:");
        listing.Should().Contain("  GetItem: [GET] http://localhost/api/items/{id}");
        listing.Should().Contain("  QuoteGold: [POST] http://localhost/api/quotes");
        listing.Should().Contain("  AnyMethod: [ALL] http://localhost/api/any");
        listing.Should().Contain("  ValueOfGold: testTrigger every weighing");
    }
}
