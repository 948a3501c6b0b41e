using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using GoldAnalytics.Runtime.Keys;
using GoldAnalytics.Runtime.Tests.Samples;

namespace GoldAnalytics.Runtime.Tests.Http;

public sealed class BindingTests(RuntimeHostFixture fixture) : IClassFixture<RuntimeHostFixture>
{
    private Task<HttpResponseMessage> GetAsync(string path) =>
        fixture.Client.SendAsync(RuntimeHost.Request(HttpMethod.Get, path, fixture.Keys[Role.Viewer]));

    private Task<HttpResponseMessage> PostAsync(string path, string body, string contentType = "application/json") =>
        fixture.Client.SendAsync(RuntimeHost.Request(HttpMethod.Post, path, fixture.Keys[Role.Manager], new StringContent(body, Encoding.UTF8, contentType)));

    [Fact]
    public async Task A_route_value_that_is_not_of_the_parameter_type_is_a_wrong_type_problem_naming_it()
    {
        var problem = await (await GetAsync("/api/items/seven")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "wrong_type");

        problem.Errors().Should().Equal(("id", "wrong_type"));
        problem.GetProperty("detail").GetString().Should().Contain("integer").And.Contain("seven");
    }

    [Fact]
    public async Task Query_parameters_bind_by_name_and_convert_to_their_types()
    {
        var response = await GetAsync("/api/items?karat=22K&top=5&since=2026-01-31&branch=6f9619ff-8b86-d011-b42d-00cf4fc964ff");

        (await response.Content.ReadFromJsonAsync<SearchResult>()).Should().Be(
            new SearchResult("22K", 5, new DateOnly(2026, 1, 31), Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff")));
    }

    [Fact]
    public async Task Absent_query_parameters_take_their_defaults()
    {
        var response = await GetAsync("/api/items");

        (await response.Content.ReadFromJsonAsync<SearchResult>()).Should().Be(new SearchResult(null, 10, null, null));
    }

    [Fact]
    public async Task An_unknown_query_parameter_is_rejected_naming_it_and_the_allowed_ones()
    {
        var problem = await (await GetAsync("/api/items?karat=22K&colour=red")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown_query_parameter");

        problem.GetProperty("detail").GetString().Should().Contain("'colour'").And.Contain("karat, top, since, branch");
        problem.Errors().Should().Equal(("colour", "unknown_query_parameter"));
    }

    [Fact]
    public async Task A_function_that_reads_the_query_itself_may_accept_any_parameter()
    {
        var response = await fixture.Client.GetAsync("/api/raw?b=1&a=2");

        (await response.Content.ReadFromJsonAsync<string>()).Should().Be("a,b");
    }

    [Theory]
    [InlineData("top=0", "out_of_range")]
    [InlineData("top=101", "out_of_range")]
    [InlineData("top=ten", "wrong_type")]
    [InlineData("top=1&top=2", "wrong_type")]
    [InlineData("since=31-01-2026", "wrong_type")]
    [InlineData("branch=42", "wrong_type")]
    public async Task A_bad_query_value_is_a_bad_request_naming_the_parameter(string query, string code)
    {
        var problem = await (await GetAsync($"/api/items?{query}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, code);

        problem.Errors().Single().Field.Should().Be(query.Split('=')[0]);
    }

    [Fact]
    public async Task A_json_body_binds_to_the_record_parameter()
    {
        var response = await PostAsync("/api/quotes", """{ "grams": 10.5, "karat": 18, "note": "ring" }""");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<Quote>()).Should().Be(new Quote(10.5m, 18, 10.5m * 45m, "ring"));
    }

    [Fact]
    public async Task A_from_body_parameter_binds_next_to_a_route_value_and_typed_results_set_the_status()
    {
        var order = Guid.NewGuid();

        var response = await PostAsync($"/api/orders/{order}/approve", """{ "reason": "stock is low" }""");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be($"/api/orders/{order}");
        (await response.Content.ReadFromJsonAsync<Approval>()).Should().Be(new Approval("stock is low"));
    }

    [Theory]
    [InlineData("{ \"grams\": 10.5, ")]
    [InlineData("grams=10.5")]
    [InlineData("{ 'grams': 1 }")]
    [InlineData("[1, 2")]
    public async Task Malformed_json_is_a_bad_request_saying_where(string body)
    {
        var problem = await (await PostAsync("/api/quotes", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "malformed_json");

        problem.GetProperty("detail").GetString().Should().Contain("line 1");
    }

    [Fact]
    public async Task Every_missing_field_is_listed()
    {
        var problem = await (await PostAsync("/api/quotes", """{ "note": "no weight" }""")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "missing_field");

        problem.Errors().Should().BeEquivalentTo(new[] { ("grams", "missing_field"), ("karat", "missing_field") });
    }

    [Fact]
    public async Task Every_field_of_the_wrong_type_is_listed()
    {
        var problem = await (await PostAsync("/api/quotes", """{ "grams": "ten", "karat": 18.5, "note": 3, "stones": [1] }""")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "wrong_type");

        problem.Errors().Should().BeEquivalentTo(new[] { ("grams", "wrong_type"), ("karat", "wrong_type"), ("note", "wrong_type"), ("stones[0]", "wrong_type") });
    }

    [Fact]
    public async Task A_field_out_of_its_range_is_listed_as_out_of_range()
    {
        var problem = await (await PostAsync("/api/quotes", """{ "grams": 1, "karat": 25 }""")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "out_of_range");

        problem.Errors().Should().Equal(("karat", "out_of_range"));
    }

    [Fact]
    public async Task Unknown_fields_and_nulls_for_required_fields_are_listed()
    {
        var problem = await (await PostAsync("/api/quotes", """{ "grams": null, "karat": 18, "colour": "red" }""")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "missing_field");

        problem.Errors().Should().BeEquivalentTo(new[] { ("grams", "missing_field"), ("colour", "unknown_field") });
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"quote\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task A_body_that_is_not_an_object_is_a_wrong_type(string body)
    {
        await (await PostAsync("/api/quotes", body)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "wrong_type");
    }

    [Fact]
    public async Task An_empty_body_is_a_missing_body_problem()
    {
        await (await PostAsync("/api/quotes", "")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "missing_body");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_is_an_unsupported_media_type(string contentType)
    {
        await (await PostAsync("/api/quotes", """{ "grams": 1, "karat": 18 }""", contentType)).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task A_json_content_type_with_parameters_is_accepted()
    {
        var content = new StringContent("""{ "grams": 1, "karat": 24 }""");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

        var response = await fixture.Client.SendAsync(RuntimeHost.Request(HttpMethod.Post, "/api/quotes", fixture.Keys[Role.Staff], content));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_too_large()
    {
        var huge = "{ \"note\": \"" + new string('x', 11 * 1024 * 1024) + "\" }";

        await (await PostAsync("/api/quotes", huge)).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "body_too_large");
    }

    [Fact]
    public async Task An_unhandled_exception_is_a_500_that_leaks_nothing()
    {
        var response = await fixture.Client.GetAsync("/api/explode");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError, "internal_error");
        var text = problem.GetRawText();
        text.Should().NotContain("hunter2").And.NotContain("Internal.Secret").And.NotContain("InvalidOperationException");
        problem.GetProperty("detail").GetString().Should().Contain(problem.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task A_problem_thrown_by_a_function_keeps_its_status_and_code()
    {
        await (await fixture.Client.GetAsync("/api/refuse")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "already_closed");
    }

    [Fact]
    public async Task Json_responses_are_compressed_when_the_client_accepts_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/big");
        request.Headers.AcceptEncoding.ParseAdd("gzip");

        var response = await fixture.Client.SendAsync(request);

        response.Content.Headers.ContentEncoding.Should().Contain("gzip");
    }
}
