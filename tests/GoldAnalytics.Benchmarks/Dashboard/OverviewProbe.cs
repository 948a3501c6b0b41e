using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace GoldAnalytics.Benchmarks.Dashboard;

/// <summary>One API call of a load as the browser's resource timing saw it, in milliseconds since navigation start.</summary>
internal sealed record ApiCall(string Path, double Start, double End)
{
    public double Duration => End - Start;
}

/// <summary>One load of the overview: when it became interactive, when the charts finished animating, and its API calls; or the error it showed.</summary>
internal sealed record OverviewLoad(double InteractiveMs, double ChartsFinishedMs, IReadOnlyList<ApiCall> Calls, string? Error = null);

/// <summary>
/// Opens the overview in a fresh browser context (empty cache, the key already in the tab's session storage, as
/// after signing in) and measures from navigation start until it is interactive:
/// every KPI group (financial, operational, customer) shows its cards' values, nothing is loading, no request
/// failed, and every chart has drawn its data. Times are the page's own clock (<c>performance.now()</c>, 0 at
/// navigation start), taken on the first animation frame at which all of that holds.
/// </summary>
internal sealed class OverviewProbe(IBrowser browser, TimeSpan timeout)
{
    // Runs in the page from its first script on: checks on every animation frame and notes the first frame at which it holds.
    private const string FrameWatch = """
        (() => {
          const interactive = () => {
            const overview = document.querySelector('.overview');
            const refused = document.querySelector('.sign-in-card [role=alert]');
            if (refused) { window.__overviewError = 'sign-in refused the key: ' + refused.innerText; return false; }
            if (!overview) return false;
            const alert = overview.querySelector('[role=alert]');
            if (alert) { window.__overviewError = alert.innerText; return false; }
            if (overview.querySelector('[aria-busy=true]')) return false;
            const groups = [...overview.querySelectorAll('.kpi-group')];
            if (groups.length < 3 || groups.some(g => !g.querySelector('.kpi-value'))) return false;
            const charts = [...overview.querySelectorAll('figure.chart')];
            return charts.length >= 3 && charts.every(c => c.dataset.drawn === 'true');
          };
          const finished = () => [...document.querySelectorAll('.overview figure.chart')].every(c => c.dataset.finished === 'true');
          const frame = () => {
            if (window.__interactiveAt === undefined && interactive()) window.__interactiveAt = performance.now();
            if (window.__interactiveAt !== undefined && window.__finishedAt === undefined && finished()) window.__finishedAt = performance.now();
            if (window.__finishedAt === undefined) requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
        })();
        """;

    private const string ApiCalls = """
        () => performance.getEntriesByType('resource')
          .filter(e => new URL(e.name).pathname.startsWith('/api/'))
          .map(e => ({ path: new URL(e.name).pathname + new URL(e.name).search, start: e.startTime, end: e.responseEnd }))
        """;

    public async Task<OverviewLoad> LoadAsync(Uri site, string pathAndQuery, string key)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            Locale = "en-GB",
        });
        await context.AddInitScriptAsync($"sessionStorage.setItem('goldanalytics.key', {JsonSerializer.Serialize(key)});");
        await context.AddInitScriptAsync(FrameWatch);
        var page = await context.NewPageAsync();
        var pending = new Dictionary<IRequest, Stopwatch>();
        page.Request += (_, r) => Track(pending, r, started: true);
        page.RequestFinished += (_, r) => Track(pending, r, started: false);
        page.RequestFailed += (_, r) => Track(pending, r, started: false);
        await page.GotoAsync(pathAndQuery, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        try
        {
            await page.WaitForFunctionAsync("() => window.__finishedAt !== undefined || window.__overviewError !== undefined", null,
                new PageWaitForFunctionOptions { PollingInterval = 50, Timeout = (float)timeout.TotalMilliseconds });
        }
        catch (TimeoutException)
        {
            string[] waiting;
            lock (pending)
            {
                waiting = [.. pending.Select(p => $"{new Uri(p.Key.Url).AbsolutePath} ({p.Value.Elapsed.TotalSeconds:F0} s)")];
            }

            return new OverviewLoad(double.NaN, double.NaN, [], $"not interactive after {timeout.TotalSeconds:F0} s; still waiting for {string.Join(", ", waiting)}");
        }

        var calls = new List<ApiCall>();
        if (await page.EvaluateAsync<string?>("window.__overviewError ?? null") is { } error)
        {
            // A failed load still tells which calls were slow: wait for the others to end, then report it as failed.
            await page.WaitForFunctionAsync("() => !document.querySelector('.overview [aria-busy=true]')", null, new PageWaitForFunctionOptions { PollingInterval = 50, Timeout = 120_000 });
            calls.AddRange(await ApiCallsAsync(page));
            return new OverviewLoad(double.NaN, double.NaN, calls, error.ReplaceLineEndings(" "));
        }

        var interactive = await page.EvaluateAsync<double>("window.__interactiveAt");
        var finished = await page.EvaluateAsync<double>("window.__finishedAt");
        calls.AddRange(await ApiCallsAsync(page));
        return new OverviewLoad(interactive, finished, calls);
    }

    // API requests still open (the event stream never closes, so it is left out).
    private static void Track(Dictionary<IRequest, Stopwatch> pending, IRequest request, bool started)
    {
        var path = new Uri(request.Url).AbsolutePath;
        if (!path.StartsWith("/api/", StringComparison.Ordinal) || path == "/api/events")
        {
            return;
        }

        lock (pending)
        {
            if (started)
            {
                pending[request] = Stopwatch.StartNew();
            }
            else
            {
                pending.Remove(request);
            }
        }
    }

    private static async Task<IEnumerable<ApiCall>> ApiCallsAsync(IPage page) =>
        (await page.EvaluateAsync<JsonElement>(ApiCalls)).EnumerateArray()
            .Select(c => new ApiCall(c.GetProperty("path").GetString()!, c.GetProperty("start").GetDouble(), c.GetProperty("end").GetDouble()));
}
