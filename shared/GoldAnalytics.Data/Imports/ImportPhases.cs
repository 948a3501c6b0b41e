using System.Diagnostics;

namespace GoldAnalytics.Data.Imports;

/// <summary>Wall-clock seconds per phase of an import (parse+copy, prepare, checks, insert+triggers, commit), in the order they ran.</summary>
public sealed class ImportPhases
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, double> _seconds = [];
    private TimeSpan _last;

    /// <summary>The phases measured so far.</summary>
    public IReadOnlyDictionary<string, double> Seconds => _seconds;

    /// <summary>Ends the running phase under <paramref name="name"/> (adding to it if it ran before) and starts the next.</summary>
    public void Lap(string name)
    {
        var now = _clock.Elapsed;
        _seconds[name] = _seconds.GetValueOrDefault(name) + (now - _last).TotalSeconds;
        _last = now;
    }
}
