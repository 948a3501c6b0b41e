using Dapper;
using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Durable.TestHost;
using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Durable.Store;
using Npgsql;

namespace GoldAnalytics.Runtime.Tests.Durable.Crash;

/// <summary>Schedules the crash workload on a database and checks how it ended.</summary>
public sealed class CrashWorkload(string connectionString)
{
    public Dictionary<string, Workload.WorkloadInput> Instances { get; } = [];

    public async Task PrepareAsync()
    {
        await new Migrator(connectionString).MigrateAsync([DurableMigrations.Set]);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync(SideEffects.Table);
    }

    public async Task ScheduleAsync(int count, int steps)
    {
        await using var store = new DurableStore(connectionString);
        await using var client = new DurableTaskClient(store);
        for (var n = 0; n < count; n++)
        {
            var i = Instances.Count;
            var input = new Workload.WorkloadInput(Seed: i, Steps: steps);
            var id = await client.ScheduleNewOrchestrationInstanceAsync("CrashWorkload", input, new StartOrchestrationOptions($"crash-{i:D4}"));
            Instances[id] = input;
        }
    }

    public async Task<int> CompletedCountAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM durable.instances WHERE runtime_status = 'Completed'");
    }

    /// <summary>Waits until every instance completed, or the timeout.</summary>
    public async Task WaitForAllAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await CompletedCountAsync() >= Instances.Count)
                {
                    return;
                }
            }
            catch (NpgsqlException)
            {
                // The server is restarting under the test; ask again.
                NpgsqlConnection.ClearAllPools();
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Every instance completed with its expected output, its history has each step once, and nothing is left queued.</summary>
    public async Task AssertCompletedExactlyOnceAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var rows = (await connection.QueryAsync<(string Id, string Status, string? Output)>(
            "SELECT instance_id, runtime_status, output FROM durable.instances")).ToList();
        rows.Should().HaveCount(Instances.Count);
        rows.Where(r => r.Status != "Completed").Select(r => $"{r.Id}: {r.Status}").Should().BeEmpty("no instance may be stuck or failed");
        foreach (var row in rows)
        {
            long.Parse(row.Output!, System.Globalization.CultureInfo.InvariantCulture).Should().Be(Workload.ExpectedOutput(Instances[row.Id]), row.Id);
        }

        var duplicates = await connection.QueryAsync<string>("""
            SELECT instance_id || ' ' || event_type || ' task ' || (event::jsonb ->> 'taskId')
            FROM durable.history
            WHERE event_type IN ('TaskScheduled', 'TaskCompleted', 'TimerCreated', 'TimerFired')
            GROUP BY instance_id, event_type, event::jsonb ->> 'taskId'
            HAVING count(*) > 1
            """);
        duplicates.Should().BeEmpty("no orchestrator step may be applied twice");
        var gaps = await connection.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM (SELECT instance_id, max(seq) + 1 AS n, count(*) AS c FROM durable.history GROUP BY instance_id) h WHERE n <> c
            """);
        gaps.Should().Be(0, "each instance's history is one gapless sequence");
        var recorded = (await connection.QueryAsync<(string Id, int Step)>("SELECT DISTINCT instance_id, step FROM crash_side_effects")).ToHashSet();
        var expected = Instances.SelectMany(i => Enumerable.Range(0, i.Value.Steps).Concat(Enumerable.Range(100, 3)).Select(step => (i.Key, step)));
        expected.Where(e => !recorded.Contains(e)).Should().BeEmpty("every step's activity ran at least once");
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM durable.activities")).Should().Be(0, "no activity is left queued");
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM durable.messages")).Should().Be(0, "no message is left unconsumed");
    }

    public async Task<Dictionary<string, long>> ActivityRunsByHostAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return (await connection.QueryAsync<(string Host, long Runs)>("SELECT host, count(*) FROM crash_side_effects GROUP BY host"))
            .ToDictionary(r => r.Host, r => r.Runs);
    }
}
