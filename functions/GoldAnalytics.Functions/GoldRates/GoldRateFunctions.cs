using System.ComponentModel.DataAnnotations;
using Dapper;
using GoldAnalytics.Data.Entry;
using GoldAnalytics.Data.Outbox;
using GoldAnalytics.Domain.Pricing;
using GoldAnalytics.Domain.Sales;
using GoldAnalytics.Functions.Entry;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace GoldAnalytics.Functions.GoldRates;

/// <summary>The day's rate of one karat as entered.</summary>
public sealed record GoldRateRequest(decimal BuyPerGram, decimal SellPerGram, [StringLength(100)] string? Source = null);

/// <summary>A rate as read back.</summary>
public sealed record GoldRateView(string BusinessDate, short Karat, decimal BuyPerGram, decimal SellPerGram, string Source, DateTime RecordedAt);

/// <summary>Gold rate entry: set (create or correct) the rate of a day and karat, read a day's sheet, remove a rate.</summary>
[RequireRole(Role.Staff)]
public sealed class GoldRateFunctions(NpgsqlDataSource dataSource)
{
    private const string SheetSql = """
        SELECT business_date::text AS BusinessDate, karat, buy_per_gram AS BuyPerGram, sell_per_gram AS SellPerGram, source, recorded_at AS RecordedAt
          FROM gold_rates WHERE business_date = @date
        """;

    [Function("SetGoldRate")]
    public async Task<Ok<GoldRateView>> Set(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "gold-rates/{date}/{karat}")] HttpRequest request,
        [MaxDaysAhead(EntryDates.BusinessDaysAhead)] DateOnly date,
        int karat,
        GoldRateRequest rate,
        CancellationToken cancellationToken)
    {
        var violations = new List<Violation>();
        if (!Karats.IsKnown(karat))
        {
            violations.Add(new Violation("karat", "unknown_karat", "karat must be 24, 22, 21, 18 or 14."));
        }

        if (rate.BuyPerGram is <= 0 or >= 100_000_000 || rate.BuyPerGram != Math.Round(rate.BuyPerGram, 4))
        {
            violations.Add(new Violation("buyPerGram", "must_be_positive", "buyPerGram must be above 0 with at most 4 decimals."));
        }

        if (rate.SellPerGram is <= 0 or >= 100_000_000 || rate.SellPerGram != Math.Round(rate.SellPerGram, 4))
        {
            violations.Add(new Violation("sellPerGram", "must_be_positive", "sellPerGram must be above 0 with at most 4 decimals."));
        }
        else if (rate.SellPerGram < rate.BuyPerGram)
        {
            violations.Add(new Violation("sellPerGram", "below_buy_rate", "The sell rate cannot be below the buy rate."));
        }

        EntryProblems.ThrowIfAny(violations);
        await using var write = await ShopWrite.BeginAsync(dataSource, request.Actor(), cancellationToken);
        // Two sets of one rate that does not exist yet must not both audit an insert.
        await write.LockKeyAsync("gold_rates", FormattableString.Invariant($"{date:yyyy-MM-dd}/{karat}"), cancellationToken);
        var exists = await write.SingleAsync<bool>("SELECT EXISTS (SELECT 1 FROM gold_rates WHERE business_date = @date AND karat = @karat)", new { date, karat }, cancellationToken);
        await AuditedRows.ChangeAsync(write, "gold_rates", "t.business_date = @date AND t.karat = @karat", exists ? "update" : "insert", """
            INSERT INTO gold_rates (business_date, karat, buy_per_gram, sell_per_gram, source) VALUES (@date, @karat, @BuyPerGram, @SellPerGram, coalesce(@Source, 'manual'))
            ON CONFLICT (business_date, karat) DO UPDATE SET buy_per_gram = EXCLUDED.buy_per_gram, sell_per_gram = EXCLUDED.sell_per_gram, source = EXCLUDED.source, recorded_at = now()
            RETURNING (business_date, karat)::text
            """, new { date, karat, rate.BuyPerGram, rate.SellPerGram, rate.Source }, key => new DomainEvent("gold-rates.rate.set", "gold_rate", key, [date], []), cancellationToken);
        var set = await write.SingleAsync<GoldRateView>($"{SheetSql} AND karat = @karat", new { date, karat }, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return TypedResults.Ok(set!);
    }

    [Function("GetGoldRates")]
    [RequireRole(Role.Viewer)]
    public async Task<Ok<IReadOnlyList<GoldRateView>>> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "gold-rates/{date}")] HttpRequest request,
        DateOnly date,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await SheetAsync(date, cancellationToken));

    [Function("DeleteGoldRate")]
    public async Task<NoContent> Delete(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "gold-rates/{date}/{karat}")] HttpRequest request,
        DateOnly date,
        int karat,
        CancellationToken cancellationToken)
    {
        await using var write = await ShopWrite.BeginAsync(dataSource, request.Actor(), cancellationToken);
        // The rate is locked before the sales are looked for: a sale pricing with it holds it (FOR KEY SHARE) until it commits,
        // so the sale is seen here, or finds the rate gone.
        if (!await write.SingleAsync<bool>("SELECT EXISTS (SELECT 1 FROM gold_rates WHERE business_date = @date AND karat = @karat FOR UPDATE)", new { date, karat }, cancellationToken))
        {
            throw NoRate(date, karat);
        }

        if (await write.SingleAsync<bool>("SELECT EXISTS (SELECT 1 FROM invoice_lines WHERE business_date = @date AND karat = @karat AND deleted_at IS NULL)", new { date, karat }, cancellationToken))
        {
            throw new ProblemException(409, "rate_in_use", $"Sales of {karat}K on {date:yyyy-MM-dd} were priced with this rate; correct it with PUT instead of removing it.");
        }

        // A rate is reference data with a natural key: removing it deletes the row; the audit log keeps its image.
        _ = await AuditedRows.ChangeAsync(write, "gold_rates", "t.business_date = @date AND t.karat = @karat", "delete",
                "DELETE FROM gold_rates WHERE business_date = @date AND karat = @karat RETURNING (business_date, karat)::text", new { date, karat },
                key => new DomainEvent("gold-rates.rate.deleted", "gold_rate", key, [date], []), cancellationToken)
            ?? throw NoRate(date, karat);
        await write.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private async Task<IReadOnlyList<GoldRateView>> SheetAsync(DateOnly date, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<GoldRateView>(new CommandDefinition($"{SheetSql} ORDER BY karat DESC", new { date }, cancellationToken: cancellationToken))];
    }

    private static ProblemException NoRate(DateOnly date, int karat) => new(404, ProblemCodes.NotFound, $"No {karat}K rate is recorded for {date:yyyy-MM-dd}.");
}
