using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace GoldAnalytics.Runtime.Events;

/// <summary>A named event pushed to dashboards: its sequence id, name and JSON data.</summary>
public sealed record ServerEvent(long Id, string Name, string Data);

/// <summary>Publishes named events to every open <c>/api/events</c> connection of this host.</summary>
public interface IEventStream
{
    /// <summary>Sends an event (name: lower-case letters, digits, '.', '-', '_'); data is serialised as JSON.</summary>
    ServerEvent Publish(string name, object? data);

    /// <summary>Starts listening: the recent events after <paramref name="lastEventId"/> and then the live ones.</summary>
    EventSubscription Subscribe(long? lastEventId);
}

/// <summary>An open listener: the replayed backlog, then live events until disposed.</summary>
public sealed class EventSubscription(IReadOnlyList<ServerEvent> backlog, ChannelReader<ServerEvent> live, Action unsubscribe) : IDisposable
{
    /// <summary>Events missed since the client's Last-Event-ID, still in the ring buffer.</summary>
    public IReadOnlyList<ServerEvent> Backlog { get; } = backlog;

    /// <summary>Events published after subscribing.</summary>
    public ChannelReader<ServerEvent> Live { get; } = live;

    public void Dispose() => unsubscribe();
}

/// <summary>In-process event stream with a small ring buffer so reconnecting clients can catch up.</summary>
public sealed partial class EventStream(JsonSerializerOptions json, int capacity = 256) : IEventStream
{
    private readonly Lock _gate = new();
    private readonly Queue<ServerEvent> _recent = new();
    private readonly List<Channel<ServerEvent>> _listeners = [];
    private long _lastId;

    /// <inheritdoc />
    public ServerEvent Publish(string name, object? data)
    {
        if (!EventName().IsMatch(name))
        {
            throw new ArgumentException($"Event name '{name}' must be 1-64 lower-case letters, digits, '.', '-' or '_'.", nameof(name));
        }

        var payload = JsonSerializer.Serialize(data, json);
        lock (_gate)
        {
            var item = new ServerEvent(++_lastId, name, payload);
            _recent.Enqueue(item);
            if (_recent.Count > capacity)
            {
                _recent.Dequeue();
            }

            foreach (var listener in _listeners)
            {
                listener.Writer.TryWrite(item);
            }

            return item;
        }
    }

    /// <inheritdoc />
    public EventSubscription Subscribe(long? lastEventId)
    {
        // A slow client loses its oldest events rather than holding memory for ever; it can reconnect with Last-Event-ID.
        var channel = Channel.CreateBounded<ServerEvent>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            var backlog = lastEventId is { } last ? _recent.Where(e => e.Id > last).ToList() : [];
            _listeners.Add(channel);
            return new EventSubscription(backlog, channel.Reader, () =>
            {
                lock (_gate)
                {
                    _listeners.Remove(channel);
                }

                channel.Writer.TryComplete();
            });
        }
    }

    [GeneratedRegex("^[a-z0-9._-]{1,64}$")]
    private static partial Regex EventName();
}
