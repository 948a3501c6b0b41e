using System.Text.RegularExpressions;

namespace GoldAnalytics.Runtime.Hosting;

/// <summary>The checks of host.json values that types alone cannot express: versions, ranges, formats.</summary>
internal static partial class HostSettingsRules
{
    public static void Check(HostSettings settings, List<string> problems)
    {
        Require(settings.Version == "2.0", "version", $"must be \"2.0\" (found \"{settings.Version}\")", problems);
        Require(settings.FunctionTimeout > TimeSpan.Zero && settings.FunctionTimeout <= TimeSpan.FromDays(1), "functionTimeout", "must be between 00:00:00.001 and 1.00:00:00", problems);
        foreach (var category in settings.Logging.LogLevel.Keys)
        {
            Require(category.Length > 0, "logging.logLevel", "category names must not be empty", problems);
        }

        CheckHttp(settings.Extensions.Http, problems);
        var blobs = settings.Extensions.Blobs;
        Require(blobs.PollingInterval >= TimeSpan.FromMilliseconds(100) && blobs.PollingInterval <= TimeSpan.FromHours(1), "extensions.blobs.pollingInterval", "must be between 00:00:00.1 and 01:00:00", problems);
        Require(blobs.MaxDequeueCount is >= 1 and <= 100, "extensions.blobs.maxDequeueCount", "must be between 1 and 100", problems);
        Require(blobs.MaxDegreeOfParallelism is >= 1 and <= 256, "extensions.blobs.maxDegreeOfParallelism", "must be between 1 and 256", problems);
        var durable = settings.Extensions.DurableTask;
        Require(HubName().IsMatch(durable.HubName), "extensions.durableTask.hubName", "must be 3 to 45 letters, digits or underscores, starting with a letter", problems);
        Require(durable.MaxConcurrentOrchestratorFunctions is >= 1 and <= 1000, "extensions.durableTask.maxConcurrentOrchestratorFunctions", "must be between 1 and 1000", problems);
        Require(durable.MaxConcurrentActivityFunctions is >= 1 and <= 1000, "extensions.durableTask.maxConcurrentActivityFunctions", "must be between 1 and 1000", problems);
        Require(durable.ExtendedSessionIdleTimeoutInSeconds is >= 0 and <= 3600, "extensions.durableTask.extendedSessionIdleTimeoutInSeconds", "must be between 0 and 3600", problems);
        Require(durable.MaxQueuePollingInterval > TimeSpan.Zero, "extensions.durableTask.maxQueuePollingInterval", "must be positive", problems);
    }

    private static void CheckHttp(HttpSettings http, List<string> problems)
    {
        Require(RoutePrefix().IsMatch(http.RoutePrefix), "extensions.http.routePrefix", $"must be letters, digits, '-', '_' and inner '/' (found \"{http.RoutePrefix}\")", problems);
        Require(http.MaxRequestBodySize is >= 1 and <= int.MaxValue, "extensions.http.maxRequestBodySize", "must be between 1 and 2147483647 bytes", problems);
        Require(http.MaxConcurrentRequests == -1 || http.MaxConcurrentRequests >= 1, "extensions.http.maxConcurrentRequests", "must be -1 (no limit) or at least 1", problems);
        Require(http.MaxOutstandingRequests == -1 || http.MaxOutstandingRequests >= 0, "extensions.http.maxOutstandingRequests", "must be -1 (no limit) or at least 0", problems);
        for (var i = 0; i < http.Cors.AllowedOrigins.Count; i++)
        {
            var origin = http.Cors.AllowedOrigins[i];
            var valid = origin == "*" || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && !origin.EndsWith('/'));
            Require(valid, $"extensions.http.cors.allowedOrigins[{i}]", $"must be \"*\" or an origin like https://shop.example.com without a path (found \"{origin}\")", problems);
        }

        Require(!(http.Cors.SupportCredentials && http.Cors.AllowedOrigins.Contains("*")), "extensions.http.cors.supportCredentials", "cannot be true when allowedOrigins contains \"*\"", problems);
    }

    private static void Require(bool condition, string path, string why, List<string> problems)
    {
        if (!condition)
        {
            problems.Add($"{path}: {why}");
        }
    }

    [GeneratedRegex("^([A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*)?$")]
    private static partial Regex RoutePrefix();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{2,44}$")]
    private static partial Regex HubName();
}
