using Dapper;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace GoldAnalytics.Functions.Dashboard;

/// <summary>The key a dashboard signed in with: who it is for and what it may do.</summary>
public sealed record CurrentKey(Guid Id, string Name, Role Role);

/// <summary>One choice of a dashboard filter.</summary>
public sealed record FilterOption(string Id, string Name);

/// <summary>The choices of the dashboard's filters: branches, product lines, categories and karats.</summary>
public sealed record FilterOptions(
    IReadOnlyList<FilterOption> Branches,
    IReadOnlyList<FilterOption> ProductLines,
    IReadOnlyList<FilterOption> Categories,
    IReadOnlyList<int> Karats);

/// <summary>What the dashboard needs before it shows numbers: the signed-in key and the filter choices (viewer role).</summary>
public sealed class DashboardFunctions(NpgsqlDataSource database)
{
    private const string FilterSql = """
        SELECT 'branch' AS kind, id::text AS id, name FROM branches
        UNION ALL
        SELECT 'line', id::text, name FROM product_lines
        UNION ALL
        SELECT 'category', code, name FROM categories
        UNION ALL
        SELECT DISTINCT 'karat', karat::text, karat::text FROM products
        ORDER BY 1, 3
        """;

    [Function("CurrentKey")]
    public static Ok<CurrentKey> Current(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "keys/current")] HttpRequest request)
    {
        var caller = request.HttpContext.Caller()
            ?? throw new ProblemException(401, ProblemCodes.MissingKey, "Send an API key in the x-functions-key header.");
        return TypedResults.Ok(new CurrentKey(caller.KeyId, caller.KeyName, caller.Role));
    }

    [Function("DashboardFilters")]
    public async Task<Ok<FilterOptions>> Filters(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "dashboard/filters")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(string Kind, string Id, string Name)>(new CommandDefinition(FilterSql, cancellationToken: cancellationToken))).ToList();
        List<FilterOption> Of(string kind) => [.. rows.Where(r => r.Kind == kind).Select(r => new FilterOption(r.Id, r.Name))];
        return TypedResults.Ok(new FilterOptions(
            Of("branch"),
            Of("line"),
            Of("category"),
            [.. rows.Where(r => r.Kind == "karat").Select(r => int.Parse(r.Id, System.Globalization.CultureInfo.InvariantCulture)).OrderDescending()]));
    }
}
