using System.Globalization;
using Npgsql;

namespace GoldAnalytics.Benchmarks.Kpis;

/// <summary>CPU seconds used by the database's own sessions while it runs, when the server is local.</summary>
/// <remarks>
/// Samples, every 200 ms, the processes serving this database (<c>pg_stat_activity</c>: sessions and
/// parallel workers) and reads their user + system time from <c>/proc</c>; a process's last sample
/// counts, so a parallel worker loses at most its final 200 ms. Other databases on the shared server
/// are not counted. Unavailable (null) when the server runs on another machine.
/// </remarks>
internal sealed class DatabaseCpu : IAsyncDisposable
{
    // /proc reports times in USER_HZ, 100 per second on Linux whatever the kernel's tick.
    private const double TicksPerSecond = 100;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Dictionary<int, long> _ticks = [];
    private readonly Dictionary<int, long> _baseline = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly Lock _gate = new();

    private DatabaseCpu(NpgsqlDataSource dataSource, int[] sessions, bool local)
    {
        _dataSource = dataSource;
        IsAvailable = local;

        // CPU spent before the start is not this run's.
        SampleOnce(sessions);
        foreach (var (pid, ticks) in _ticks)
        {
            _baseline[pid] = ticks;
        }

        _sampling = local ? Task.Run(SampleAsync) : Task.CompletedTask;
    }

    public bool IsAvailable { get; }

    /// <summary>Starts sampling the sessions of the data source's database.</summary>
    public static async Task<DatabaseCpu> StartAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"SELECT pg_backend_pid(), {Sessions}");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var local = Ticks(reader.GetInt32(0)) is not null;
        return new DatabaseCpu(dataSource, local ? reader.GetFieldValue<int[]>(1) : [], local);
    }

    /// <summary>CPU seconds of the database's processes since the previous call (or the start); null when unavailable.</summary>
    public double? Lap()
    {
        if (!IsAvailable)
        {
            return null;
        }

        lock (_gate)
        {
            SampleOnce([.. _ticks.Keys]);
            long used = 0;
            foreach (var (pid, ticks) in _ticks)
            {
                used += ticks - _baseline.GetValueOrDefault(pid);
                _baseline[pid] = ticks;
            }

            return used / TicksPerSecond;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync(_stop.Token);
        await using var command = new NpgsqlCommand($"SELECT {Sessions}", connection);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        do
        {
            var pids = (int[])(await command.ExecuteScalarAsync(_stop.Token))!;
            lock (_gate)
            {
                SampleOnce(pids);
            }
        }
        while (await timer.WaitForNextTickAsync(_stop.Token));
    }

    // A process seen for the first time after the start counts from zero: all of its CPU is this run's.
    private void SampleOnce(IEnumerable<int> pids)
    {
        foreach (var pid in pids)
        {
            if (Ticks(pid) is { } ticks)
            {
                _ticks[pid] = ticks;
            }
        }
    }

    private const string Sessions = "ARRAY(SELECT pid FROM pg_stat_activity WHERE datname = current_database())";

    private static long? Ticks(int pid)
    {
        try
        {
            // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
