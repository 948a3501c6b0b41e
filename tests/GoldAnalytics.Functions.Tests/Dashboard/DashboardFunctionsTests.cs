using System.Net;
using System.Text.Json;
using Dapper;
using GoldAnalytics.Runtime.Keys;
using Npgsql;

namespace GoldAnalytics.Functions.Tests.Dashboard;

public sealed class DashboardFunctionsTests(FunctionAppHost host) : IClassFixture<FunctionAppHost>
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        using var response = await host.Client.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task The_current_key_answers_with_its_name_and_role_for_any_role()
    {
        var viewer = await host.KeyAsync(Role.Viewer);

        var (status, body) = await GetAsync("/api/keys/current", viewer);

        status.Should().Be(HttpStatusCode.OK);
        body.GetProperty("name").GetString().Should().Be("test-viewer");
        body.GetProperty("role").GetString().Should().Be("viewer");
        body.GetProperty("id").GetGuid().Should().NotBeEmpty();
        (await GetAsync("/api/keys/current", host.AdminKey)).Body.GetProperty("role").GetString().Should().Be("admin");
    }

    [Fact]
    public async Task The_current_key_refuses_a_missing_or_unknown_key_with_problem_details()
    {
        var (missing, problem) = await GetAsync("/api/keys/current", null);
        missing.Should().Be(HttpStatusCode.Unauthorized);
        problem.GetProperty("code").GetString().Should().Be("missing_key");

        var (unknown, invalid) = await GetAsync("/api/keys/current", "ga_never-issued");
        unknown.Should().Be(HttpStatusCode.Unauthorized);
        invalid.GetProperty("code").GetString().Should().Be("invalid_key");
        invalid.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task The_filter_choices_list_branches_product_lines_and_categories_by_name()
    {
        await using (var connection = new NpgsqlConnection(host.ConnectionString))
        {
            await connection.ExecuteAsync("""
                INSERT INTO branches (code, name, city, opened_on) VALUES ('FLTR-B', 'Zeta Souk', 'Dubai', '2020-01-01'), ('FLTR-A', 'Alpha Mall', 'Sharjah', '2021-01-01');
                INSERT INTO product_lines (code, name) VALUES ('fltr-line', 'Filter Line');
                INSERT INTO categories (code, name) VALUES ('fltr-cat', 'Filter Category');
                """);
        }

        var (status, body) = await GetAsync("/api/dashboard/filters", await host.KeyAsync(Role.Viewer));

        status.Should().Be(HttpStatusCode.OK);
        var branches = body.GetProperty("branches").EnumerateArray().Select(b => b.GetProperty("name").GetString()).ToList();
        branches.Should().ContainInOrder("Alpha Mall", "Zeta Souk");
        body.GetProperty("productLines").EnumerateArray().Should().Contain(l => l.GetProperty("name").GetString() == "Filter Line");
        body.GetProperty("categories").EnumerateArray().Should().Contain(c => c.GetProperty("id").GetString() == "fltr-cat" && c.GetProperty("name").GetString() == "Filter Category");
    }
}
