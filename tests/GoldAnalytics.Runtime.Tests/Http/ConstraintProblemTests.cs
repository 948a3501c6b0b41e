using System.Net;
using Dapper;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace GoldAnalytics.Runtime.Tests.Http;

/// <summary>A function whose write breaks a unique constraint, the way two concurrent creates of one code do.</summary>
public sealed class ConstraintSamples(NpgsqlDataSource database)
{
    [Function("TakeCodeTwice")]
    public async Task<string> TakeCodeTwice([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "codes/{listed:bool}")] HttpRequest request, bool listed)
    {
        await using var connection = await database.OpenConnectionAsync();
        await connection.ExecuteAsync(listed
            ? "CREATE TEMP TABLE codes (code text CONSTRAINT codes_listed UNIQUE); INSERT INTO codes VALUES ('A'), ('A')"
            : "CREATE TEMP TABLE codes (code text CONSTRAINT codes_unlisted UNIQUE); INSERT INTO codes VALUES ('A'), ('A')");
        return "written twice";
    }
}

public sealed class ConstraintProblemTests : IAsyncLifetime
{
    private readonly RuntimeDatabase _database = new();
    private RuntimeHost _host = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = await RuntimeHost.StartAsync(_database.ConnectionString,
            runtime: o => o.ConstraintProblems["codes_listed"] = new ConstraintProblem(409, "duplicate_code", "code", "Another item already has this code."));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_listed_constraint_answers_with_its_problem_naming_the_field()
    {
        var response = await _host.Client.PostAsync("/api/codes/true", null);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "duplicate_code");
        problem.Errors().Should().Equal(("code", "duplicate_code"));
        problem.GetProperty("detail").GetString().Should().Be("Another item already has this code.");
    }

    [Fact]
    public async Task An_unlisted_unique_violation_is_a_409_not_a_server_error()
    {
        var response = await _host.Client.PostAsync("/api/codes/false", null);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, ProblemCodes.DuplicateValue);
        problem.GetProperty("detail").GetString().Should().NotContain("codes_unlisted");
    }
}
