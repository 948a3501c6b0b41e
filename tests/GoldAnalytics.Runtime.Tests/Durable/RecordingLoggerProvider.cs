using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Runtime.Tests.Durable;

/// <summary>Keeps the lines logged under <see cref="Category"/>, so tests can count what orchestrators logged.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    public const string Category = "ReplayTest";

    public static ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName == Category);

    public void Dispose()
    {
    }

    private sealed class Recorder(bool recording) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => recording;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (recording)
            {
                Lines.Enqueue(formatter(state, exception));
            }
        }
    }
}
