using Dapper;
using GoldAnalytics.Data.Entry;
using GoldAnalytics.Data.Outbox;
using GoldAnalytics.Domain.Sales;
using GoldAnalytics.Functions.Entry;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace GoldAnalytics.Functions.Targets;

/// <summary>A branch's target for one metric in one month (month = its first day).</summary>
public sealed record TargetRequest(int BranchId, DateOnly Month, string Metric, decimal Value);

/// <summary>A target as read back.</summary>
public sealed record TargetView(int BranchId, string Month, string Metric, decimal Value, DateTime UpdatedAt);

/// <summary>Monthly targets per branch and metric: set, list for a branch, remove. Setting targets is a manager's job.</summary>
[RequireRole(Role.Manager)]
public sealed class TargetFunctions(NpgsqlDataSource dataSource)
{
    private const int FirstYear = 2000;
    private const int LastYear = 2999;

    private const string ViewSql = "SELECT branch_id AS BranchId, month::text AS Month, metric, value, updated_at AS UpdatedAt FROM targets WHERE branch_id = @branchId";

    private static readonly string[] Metrics = ["revenue", "gross_profit", "transactions", "average_transaction_value", "new_customers", "gold_grams_sold"];

    [Function("SetTarget")]
    public async Task<Ok<TargetView>> Set(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "targets")] HttpRequest request,
        TargetRequest target,
        CancellationToken cancellationToken)
    {
        var (branchId, month, metric) = (target.BranchId, target.Month, target.Metric);
        var violations = new List<Violation>();
        if (month.Day != 1)
        {
            violations.Add(new Violation("month", "not_first_day", "month is the first day of the month (e.g. 2026-11-01)."));
        }
        else if (month.Year is < FirstYear or > LastYear)
        {
            // 0001-01-01 would be stored as -infinity, which is the first day of no month.
            violations.Add(new Violation("month", "out_of_range", $"month is a month of the years {FirstYear} to {LastYear}."));
        }

        if (!Metrics.Contains(metric))
        {
            violations.Add(new Violation("metric", "unknown_metric", $"metric is one of {string.Join(", ", Metrics)}."));
        }

        if (target.Value is < 0 or >= 100_000_000_000_000 || target.Value != Math.Round(target.Value, 2))
        {
            violations.Add(new Violation("value", "must_not_be_negative", "value cannot be negative and has at most 2 decimals."));
        }

        await using var write = await ShopWrite.BeginAsync(dataSource, request.Actor(), cancellationToken);
        if (!await write.SingleAsync<bool>("SELECT EXISTS (SELECT 1 FROM branches WHERE id = @branchId)", new { branchId }, cancellationToken))
        {
            violations.Add(new Violation("branchId", "unknown_branch", $"No branch has id {branchId}."));
        }

        EntryProblems.ThrowIfAny(violations);
        // Two sets of one target that does not exist yet must not both audit an insert.
        await write.LockKeyAsync("targets", FormattableString.Invariant($"{branchId}/{month:yyyy-MM-dd}/{metric}"), cancellationToken);
        var exists = await write.SingleAsync<bool>("SELECT EXISTS (SELECT 1 FROM targets WHERE branch_id = @branchId AND month = @month AND metric = @metric)", new { branchId, month, metric }, cancellationToken);
        await AuditedRows.ChangeAsync(write, "targets", "t.branch_id = @branchId AND t.month = @month AND t.metric = @metric", exists ? "update" : "insert", """
            INSERT INTO targets (branch_id, month, metric, value) VALUES (@branchId, @month, @metric, @Value)
            ON CONFLICT (branch_id, month, metric) DO UPDATE SET value = EXCLUDED.value
            RETURNING (branch_id, month, metric)::text
            """, new { branchId, month, metric, target.Value }, key => new DomainEvent("targets.target.set", "target", key, [month], [branchId]), cancellationToken);
        var set = await write.SingleAsync<TargetView>($"{ViewSql} AND month = @month AND metric = @metric", new { branchId, month, metric }, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return TypedResults.Ok(set!);
    }

    [Function("ListTargets")]
    [RequireRole(Role.Viewer)]
    public async Task<Ok<IReadOnlyList<TargetView>>> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "targets/{branchId}")] HttpRequest request,
        int branchId,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await ListAsync(branchId, cancellationToken));

    [Function("DeleteTarget")]
    public async Task<NoContent> Delete(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "targets/{branchId}/{month}/{metric}")] HttpRequest request,
        int branchId,
        DateOnly month,
        string metric,
        CancellationToken cancellationToken)
    {
        await using var write = await ShopWrite.BeginAsync(dataSource, request.Actor(), cancellationToken);
        _ = await AuditedRows.ChangeAsync(write, "targets", "t.branch_id = @branchId AND t.month = @month AND t.metric = @metric", "delete",
                "DELETE FROM targets WHERE branch_id = @branchId AND month = @month AND metric = @metric RETURNING (branch_id, month, metric)::text",
                new { branchId, month, metric }, key => new DomainEvent("targets.target.deleted", "target", key, [month], [branchId]), cancellationToken)
            ?? throw new ProblemException(404, ProblemCodes.NotFound, $"Branch {branchId} has no {metric} target for {month:yyyy-MM}.");
        await write.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private async Task<IReadOnlyList<TargetView>> ListAsync(int branchId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<TargetView>(new CommandDefinition($"{ViewSql} ORDER BY month, metric", new { branchId }, cancellationToken: cancellationToken))];
    }
}
