using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Runtime.Hosting;

/// <summary>The settings of <c>host.json</c>, after the environment's overrides; every field has the Azure Functions name.</summary>
public sealed record HostSettings
{
    /// <summary>Schema version; only "2.0" is understood.</summary>
    public string Version { get; init; } = "2.0";

    /// <summary>Longest a single function call may run; its cancellation token fires then and the caller gets a timeout.</summary>
    public TimeSpan FunctionTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public LoggingSettings Logging { get; init; } = new();

    public ExtensionSettings Extensions { get; init; } = new();
}

/// <summary><c>logging</c>: minimum levels by category prefix ("default", "Function", "Function.Name", "Microsoft" ...).</summary>
public sealed record LoggingSettings
{
    public Dictionary<string, LogLevel> LogLevel { get; init; } = [];
}

/// <summary><c>extensions</c>: settings of each trigger source.</summary>
public sealed record ExtensionSettings
{
    public HttpSettings Http { get; init; } = new();

    public BlobSettings Blobs { get; init; } = new();

    public DurableTaskSettings DurableTask { get; init; } = new();
}

/// <summary><c>extensions.http</c>.</summary>
public sealed record HttpSettings
{
    /// <summary>Prefix of every HTTP function route; empty for none.</summary>
    public string RoutePrefix { get; init; } = "api";

    /// <summary>Largest request body accepted, in bytes; larger ones get 413.</summary>
    public long MaxRequestBodySize { get; init; } = 10 * 1024 * 1024;

    /// <summary>HTTP function calls running at once; -1 for no limit.</summary>
    public int MaxConcurrentRequests { get; init; } = -1;

    /// <summary>Calls waiting for a slot when <see cref="MaxConcurrentRequests"/> is reached; beyond it they get 429. -1 for no limit.</summary>
    public int MaxOutstandingRequests { get; init; } = -1;

    public CorsSettings Cors { get; init; } = new();
}

/// <summary><c>extensions.http.cors</c>: which browser origins may call the API.</summary>
public sealed record CorsSettings
{
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    public bool SupportCredentials { get; init; }
}

/// <summary><c>extensions.blobs</c>: blob trigger polling and retries.</summary>
public sealed record BlobSettings
{
    public TimeSpan PollingInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per blob version before it is recorded as poison.</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>Blobs processed at once per host.</summary>
    public int MaxDegreeOfParallelism { get; init; } = 4;
}

/// <summary><c>extensions.durableTask</c>: read by the orchestration engine; the storage provider is passed through as JSON.</summary>
public sealed record DurableTaskSettings
{
    public string HubName { get; init; } = "GoldAnalytics";

    public int MaxConcurrentOrchestratorFunctions { get; init; } = 10;

    public int MaxConcurrentActivityFunctions { get; init; } = 10;

    public bool ExtendedSessionsEnabled { get; init; }

    public int ExtendedSessionIdleTimeoutInSeconds { get; init; } = 30;

    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Provider-specific settings, uninterpreted by the host.</summary>
    public JsonElement? StorageProvider { get; init; }

    /// <summary>Tracing settings, uninterpreted by the host.</summary>
    public JsonElement? Tracing { get; init; }
}
