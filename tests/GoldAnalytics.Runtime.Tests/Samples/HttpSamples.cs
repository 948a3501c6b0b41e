using System.ComponentModel.DataAnnotations;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GoldAnalytics.Runtime.Tests.Samples;

public sealed record QuoteRequest(decimal Grams, [Range(1, 24)] int Karat, string? Note = null, IReadOnlyList<string>? Stones = null);

public sealed record Quote(decimal Grams, int Karat, decimal Price, string? Note);

public sealed record ItemView(int Id, string Name);

public sealed record SearchResult(string? Karat, int Top, DateOnly? Since, Guid? Branch);

public sealed record Approval(string Reason);

public sealed class HttpSamples(GoldRates rates)
{
    [Function("GetItem")]
    public ItemView GetItem([HttpTrigger(AuthorizationLevel.Function, "get", Route = "items/{id}")] HttpRequest request, int id) => new(id, $"item {id}");

    [Function("SearchItems")]
    public Ok<SearchResult> Search(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "items")] HttpRequest request,
        string? karat = null,
        [Range(1, 100)] int top = 10,
        DateOnly? since = null,
        Guid? branch = null) => TypedResults.Ok(new SearchResult(karat, top, since, branch));

    [Function("QuoteGold")]
    public async Task<Quote> QuoteGold([HttpTrigger(AuthorizationLevel.Function, "post", Route = "quotes")] HttpRequest request, QuoteRequest quote)
    {
        await Task.Yield();
        return new Quote(quote.Grams, quote.Karat, quote.Grams * rates.PerGram(quote.Karat), quote.Note);
    }

    [Function("ApproveOrder")]
    [RequireRole(Role.Manager)]
    public static Created<Approval> Approve(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "orders/{orderId:guid}/approve")] HttpRequest request,
        Guid orderId,
        [FromBody] Approval approval) => TypedResults.Created($"/api/orders/{orderId}", approval);

    [Function("AdminReport")]
    public static string AdminReport([HttpTrigger(AuthorizationLevel.Admin, "get", Route = "admin/report")] HttpRequest request) => "secret figures";

    [Function("Ping")]
    public static Task Ping([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ping")] HttpRequest request) => Task.CompletedTask;

    [Function("Explode")]
    public static string Explode([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "explode")] HttpRequest request) =>
        throw new InvalidOperationException("connection Password=hunter2 failed at Internal.Secret.Method");

    [Function("Refuse")]
    public static string Refuse([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "refuse")] HttpRequest request) =>
        throw new ProblemException(409, "already_closed", "The day is already closed; reopen it first.");

    [Function("AnyMethod")]
    public static string AnyMethod([HttpTrigger(AuthorizationLevel.Function, Route = "any")] HttpRequest request) => request.Method;

    [Function("RawQuery")]
    public static string RawQuery([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "raw", AllowUndeclaredQuery = true)] HttpRequest request) =>
        string.Join(",", request.Query.Keys.Order());

    [Function("Slow")]
    public static async Task<string> Slow([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "slow")] HttpRequest request, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(800), cancellationToken);
        return "done";
    }

    [Function("BigList")]
    public static IReadOnlyList<ItemView> BigList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "big")] HttpRequest request) =>
        [.. Enumerable.Range(1, 500).Select(i => new ItemView(i, $"a rather long item name to make the body worth compressing {i}"))];
}
