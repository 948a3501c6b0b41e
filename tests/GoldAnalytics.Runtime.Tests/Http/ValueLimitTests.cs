using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GoldAnalytics.Runtime.Keys;

namespace GoldAnalytics.Runtime.Tests.Http;

/// <summary>The limits every bound value keeps whatever its field: dates, NUL characters, text length, enum names, null items, fixed sets.</summary>
public sealed class ValueLimitTests(RuntimeHostFixture fixture) : IClassFixture<RuntimeHostFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static JsonObject Entry() => new()
    {
        ["day"] = "2026-11-20",
        ["shade"] = "yellow",
        ["name"] = "ring",
        ["lines"] = new JsonArray(new JsonObject { ["quantity"] = 1 }),
    };

    private static JsonObject Entry(string field, JsonNode? value)
    {
        var entry = Entry();
        entry[field] = value;
        return entry;
    }

    private Task<HttpResponseMessage> PostAsync(JsonNode body) =>
        fixture.Client.SendAsync(RuntimeHost.Request(HttpMethod.Post, "/api/entries", fixture.Keys[Role.Staff],
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json")));

    private Task<HttpResponseMessage> GetAsync(string path) =>
        fixture.Client.SendAsync(RuntimeHost.Request(HttpMethod.Get, path, fixture.Keys[Role.Viewer]));

    private async Task ShouldBeRefusedAsync(JsonNode body, string field, string code)
    {
        var problem = await (await PostAsync(body)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, code);
        problem.Errors().Should().Equal((field, code));
    }

    [Theory]
    [InlineData("day", "0001-01-01")]
    [InlineData("day", "9999-12-31")]
    [InlineData("day", "1899-12-31")]
    [InlineData("day", "2101-01-01")]
    [InlineData("at", "0001-01-01T00:00:00Z")]
    [InlineData("at", "2100-12-31T23:00:00-05:00")]
    [InlineData("until", "9999-12-31T23:59:59")]
    [InlineData("until", "1899-12-31T23:59:59Z")]
    public async Task A_date_or_time_outside_1900_to_2100_is_refused_naming_the_field(string field, string value)
    {
        await ShouldBeRefusedAsync(Entry(field, value), field, "date_out_of_range");
    }

    [Fact]
    public async Task The_first_and_last_days_of_the_range_are_accepted()
    {
        var entry = Entry("day", "1900-01-01");
        entry["at"] = "2100-12-31T23:59:59Z";
        entry["until"] = "1900-01-01T00:00:00Z";

        var response = await PostAsync(entry);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("day").GetString().Should().Be("1900-01-01");
    }

    [Fact]
    public async Task A_business_date_more_than_a_year_ahead_is_refused_and_one_a_year_ahead_is_accepted()
    {
        await ShouldBeRefusedAsync(Entry("businessDate", Iso(Today.AddDays(367))), "businessDate", "date_out_of_range");

        (await PostAsync(Entry("businessDate", Iso(Today.AddDays(366))))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_date_that_may_not_be_in_the_future_is_refused_for_tomorrow()
    {
        await ShouldBeRefusedAsync(Entry("birthday", Iso(Today.AddDays(1))), "birthday", "date_out_of_range");

        (await PostAsync(Entry("birthday", Iso(Today)))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_nul_character_in_a_text_field_is_refused_naming_the_field()
    {
        await ShouldBeRefusedAsync(Entry("name", "a\u0000b"), "name", "nul_character");
    }

    [Fact]
    public async Task A_nul_character_anywhere_in_a_nested_list_or_free_form_value_is_refused_with_its_path()
    {
        var entry = Entry();
        entry["lines"] = new JsonArray(new JsonObject { ["quantity"] = 1 }, new JsonObject { ["quantity"] = 2, ["note"] = "\u0000" });
        entry["tags"] = new JsonArray("ok", "bad\u0000");
        entry["extra"] = new JsonObject { ["a"] = new JsonArray(new JsonObject { ["b"] = "x\u0000" }) };
        entry["labels"] = new JsonObject { ["colour"] = "gold\u0000" };

        var problem = await (await PostAsync(entry)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "nul_character");

        problem.Errors().Should().BeEquivalentTo(new[]
        {
            ("lines[1].note", "nul_character"), ("tags[1]", "nul_character"), ("extra.a[0].b", "nul_character"), ("labels.colour", "nul_character"),
        });
    }

    [Fact]
    public async Task Text_longer_than_the_default_limit_is_refused_and_text_at_the_limit_is_accepted()
    {
        await ShouldBeRefusedAsync(Entry("name", new string('x', 1001)), "name", "out_of_range");
        await ShouldBeRefusedAsync(Entry("tags", new JsonArray(new string('x', 2_000_000))), "tags[0]", "out_of_range");

        (await PostAsync(Entry("name", new string('x', 1000)))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_field_with_its_own_length_rule_keeps_that_limit_instead_of_the_default()
    {
        (await PostAsync(Entry("notes", new string('x', 2000)))).StatusCode.Should().Be(HttpStatusCode.OK);

        await ShouldBeRefusedAsync(Entry("notes", new string('x', 2001)), "notes", "out_of_range");
    }

    [Theory]
    [InlineData("yellow,white")]
    [InlineData("white, roseGold")]
    [InlineData(" yellow")]
    [InlineData("yellow ")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData("gold")]
    public async Task An_enum_is_exactly_one_of_its_names(string shade)
    {
        var problem = await (await PostAsync(Entry("shade", shade))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "wrong_type");

        problem.Errors().Should().Equal(("shade", "wrong_type"));
        problem.GetProperty("detail").GetString().Should().Contain("yellow, white, roseGold");
    }

    [Theory]
    [InlineData("roseGold", "roseGold")]
    [InlineData("ROSEGOLD", "roseGold")]
    [InlineData("White", "white")]
    public async Task An_enum_name_is_read_in_any_letter_case_and_written_in_camel_case(string shade, string written)
    {
        var response = await PostAsync(Entry("shade", shade));

        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("shade").GetString().Should().Be(written);
    }

    [Fact]
    public async Task A_list_of_enums_refuses_a_combined_name_at_its_index()
    {
        await ShouldBeRefusedAsync(Entry("shades", new JsonArray("white", "white,yellow")), "shades[1]", "wrong_type");
    }

    [Fact]
    public async Task A_null_item_in_a_list_of_records_is_refused_naming_its_index()
    {
        await ShouldBeRefusedAsync(Entry("lines", new JsonArray(new JsonObject { ["quantity"] = 1 }, null)), "lines[1]", "wrong_type");
    }

    [Fact]
    public async Task A_null_item_in_a_list_declared_with_nullable_items_is_accepted()
    {
        var response = await PostAsync(Entry("tags", new JsonArray("a", null)));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("PER_GRAM")]
    [InlineData("per_gram ")]
    public async Task A_value_outside_a_fixed_set_is_refused_listing_the_allowed_values(string value)
    {
        var problem = await (await PostAsync(Entry("chargeType", value))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_value");

        problem.Errors().Should().Equal(("chargeType", "invalid_value"));
        problem.GetProperty("detail").GetString().Should().Contain("per_gram, percent");
    }

    [Fact]
    public async Task An_empty_string_must_match_a_regular_expression_too()
    {
        await ShouldBeRefusedAsync(Entry("kind", ""), "kind", "invalid_value");

        (await PostAsync(Entry("kind", "receipt"))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/api/entries/0001-01-01/yellow", "day", "date_out_of_range")]
    [InlineData("/api/entries/9999-12-31/yellow", "day", "date_out_of_range")]
    [InlineData("/api/entries/2026-11-20/white,yellow", "shade", "wrong_type")]
    [InlineData("/api/entries/2026-11-20/%20white", "shade", "wrong_type")]
    [InlineData("/api/entries/2026-11-20/yellow?since=0001-01-01T00:00:00Z", "since", "date_out_of_range")]
    [InlineData("/api/entries/2026-11-20/yellow?other=staff,white", "other", "wrong_type")]
    [InlineData("/api/entries/2026-11-20/yellow?other=2", "other", "wrong_type")]
    [InlineData("/api/entries/2026-11-20/yellow?name=a%00b", "name", "nul_character")]
    public async Task Route_and_query_values_keep_the_same_limits_as_a_bad_request_naming_the_parameter(string path, string field, string code)
    {
        var problem = await (await GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, code);

        problem.Errors().Should().Equal((field, code));
    }

    [Fact]
    public async Task A_query_value_longer_than_the_default_limit_is_refused_unless_the_parameter_sets_its_own()
    {
        var problem = await (await GetAsync($"/api/entries/2026-11-20/yellow?name={new string('x', 1001)}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "out_of_range");
        var own = await GetAsync($"/api/entries/2026-11-20/yellow?text={new string('x', 4000)}");

        problem.Errors().Should().Equal(("name", "out_of_range"));
        (await own.Content.ReadFromJsonAsync<string>()).Should().EndWith(" 4000");
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
