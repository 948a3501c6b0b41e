using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Durable;
using Npgsql;

namespace GoldAnalytics.Durable.TestHost;

/// <summary>The crash-test workload: steps in sequence, a durable timer and a small fan-out, each step recording its side effect.</summary>
public static class Workload
{
    /// <summary>Input of one workload instance.</summary>
    public sealed record WorkloadInput(int Seed, int Steps);

    /// <summary>Input of one recorded step.</summary>
    public sealed record StepInput(string InstanceId, int Step, int Seed);

    /// <summary>The output a workload instance must produce.</summary>
    public static long ExpectedOutput(WorkloadInput input) =>
        Enumerable.Range(0, input.Steps).Sum(step => StepValue(input.Seed, step))
        + Enumerable.Range(100, 3).Sum(step => StepValue(input.Seed, step));

    // Steps write to the database; while it restarts they fail, and the retry carries them over the outage.
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(8, TimeSpan.FromMilliseconds(250), 2, TimeSpan.FromSeconds(2)));

    [Function("CrashWorkload")]
    public static async Task<long> CrashWorkload([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<WorkloadInput>()!;
        long total = 0;
        for (var step = 0; step < input.Steps; step++)
        {
            total += await context.CallActivityAsync<long>("RecordStep", new StepInput(context.InstanceId, step, input.Seed), Retry);
            if (step == input.Steps / 2)
            {
                await context.CreateTimer(TimeSpan.FromMilliseconds(50), CancellationToken.None);
            }
        }

        var fanned = await Task.WhenAll(Enumerable.Range(100, 3)
            .Select(step => context.CallActivityAsync<long>("RecordStep", new StepInput(context.InstanceId, step, input.Seed), Retry)));
        return total + fanned.Sum();
    }

    [Function("RecordStep")]
    public static async Task<long> RecordStep([ActivityTrigger] StepInput input, SideEffects sideEffects, CancellationToken cancellationToken)
    {
        await sideEffects.RecordAsync(input.InstanceId, input.Step, cancellationToken);
        return StepValue(input.Seed, input.Step);
    }

    private static long StepValue(int seed, int step) => (seed * 31L) + (step * 7L);
}

/// <summary>Records each activity execution (at least once per step; more after a crash is allowed).</summary>
public sealed class SideEffects(NpgsqlDataSource dataSource, HostIdentity host)
{
    /// <summary>The table the test creates before starting hosts.</summary>
    public const string Table = """
        CREATE TABLE IF NOT EXISTS crash_side_effects (
            instance_id text NOT NULL,
            step int NOT NULL,
            host text NOT NULL,
            executed_at timestamptz NOT NULL DEFAULT clock_timestamp()
        )
        """;

    /// <summary>Inserts one execution row.</summary>
    public async Task RecordAsync(string instanceId, int step, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("INSERT INTO crash_side_effects (instance_id, step, host) VALUES ($1, $2, $3)");
        command.Parameters.Add(new NpgsqlParameter { Value = instanceId });
        command.Parameters.Add(new NpgsqlParameter { Value = step });
        command.Parameters.Add(new NpgsqlParameter { Value = host.Name });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>This process's name in side-effect rows.</summary>
public sealed record HostIdentity(string Name);
