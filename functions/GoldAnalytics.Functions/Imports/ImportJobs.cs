using GoldAnalytics.Data.Imports;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Durable;

namespace GoldAnalytics.Functions.Imports;

/// <summary>
/// A large CSV import as a durable orchestration: inspect the file (header, record count, imported before?),
/// stage it chunk by chunk (the custom status shows the phase and rows processed of the total), then check
/// and write it in one transaction, and clean up. Each activity is safe to run again after a host crash.
/// </summary>
public sealed class ImportJobs(StagedImport imports, ImportFiles files)
{
    public const string Orchestration = "CsvImportOrchestration";

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(2), backoffCoefficient: 2));

    [Function(Orchestration)]
    public static async Task<ImportOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var job = context.GetInput<ImportJob>() ?? throw new InvalidOperationException("An import orchestration needs its job as input.");
        try
        {
            context.SetCustomStatus(new ImportProgress("validating", 0, null));
            var inspection = await context.CallActivityAsync<ImportInspection>("ImportInspect", job, Retry);
            if (inspection.Problem is { } problem)
            {
                return new ImportOutcome(null, null, problem);
            }

            if (inspection.ImportedId is { } previous)
            {
                return new ImportOutcome(new ImportResult(previous, job.Kind, false, true, 0, 0, 0, 0, 0, []), null, null);
            }

            var staged = new StagedChunk(0, 0, 0, []);
            for (long after = 0; after < inspection.Records; after += job.ChunkRows)
            {
                context.SetCustomStatus(new ImportProgress("staging", after, inspection.Records));
                var chunk = await context.CallActivityAsync<ImportChunkOutcome>("ImportStageChunk", new ImportChunkWork(context.InstanceId, job, after, job.ChunkRows), Retry);
                if (chunk.Problem is not null || chunk.Staged is null)
                {
                    return new ImportOutcome(null, null, chunk.Problem);
                }

                staged = Sum(staged, chunk.Staged);
            }

            context.SetCustomStatus(new ImportProgress("writing", inspection.Records, inspection.Records));
            var result = await context.CallActivityAsync<ImportResult>("ImportWrite", new ImportWriteWork(context.InstanceId, job, staged), Retry);
            var rejected = result is { Written: true, RowsRejected: > 0 } ? $"/api/imports/{job.Kind}/{result.ImportId}/rejected" : null;
            return new ImportOutcome(result, rejected, null);
        }
        finally
        {
            await context.CallActivityAsync("ImportCleanup", new ImportChunkWork(context.InstanceId, job, 0, 0), Retry);
        }
    }

    [Function("ImportInspect")]
    public async Task<ImportInspection> InspectAsync([ActivityTrigger] ImportJob job, CancellationToken cancellationToken)
    {
        await using var file = await files.OpenAsync(job.Blob, cancellationToken);
        if (await imports.ImportedAsync(job.FindKind(), file.Sha256, cancellationToken) is { } previous)
        {
            return new ImportInspection(0, previous, null);
        }

        try
        {
            return new ImportInspection(await StagedRows.CountAsync(job.FindKind(), file, cancellationToken), null, null);
        }
        catch (NotCsvException notCsv)
        {
            return new ImportInspection(0, null, notCsv.Message);
        }
    }

    [Function("ImportStageChunk")]
    public async Task<ImportChunkOutcome> StageAsync([ActivityTrigger] ImportChunkWork work, CancellationToken cancellationToken)
    {
        await using var file = await files.OpenAsync(work.Job.Blob, cancellationToken);
        try
        {
            return new ImportChunkOutcome(
                await imports.StageAsync(work.JobId, work.Job.FindKind(), file, work.Job.ReadOptions(), new RecordRange(work.After, work.Count), cancellationToken), null);
        }
        catch (NotCsvException notCsv)
        {
            return new ImportChunkOutcome(null, notCsv.Message);
        }
    }

    [Function("ImportWrite")]
    public async Task<ImportResult> WriteAsync([ActivityTrigger] ImportWriteWork work, CancellationToken cancellationToken)
    {
        await using var file = await files.OpenAsync(work.Job.Blob, cancellationToken);
        return await imports.WriteAsync(work.JobId, work.Job.FindKind(), file, work.Job.ReadOptions(), work.Job.Actor, work.Staged, cancellationToken);
    }

    [Function("ImportCleanup")]
    public async Task CleanupAsync([ActivityTrigger] ImportChunkWork work, CancellationToken cancellationToken)
    {
        await imports.DropAsync(work.JobId, cancellationToken);
        await files.DeleteAsync(work.Job.Blob, cancellationToken);
    }

    // The first errors of the whole file are those of the first chunks, in row order.
    private static StagedChunk Sum(StagedChunk total, StagedChunk chunk) => new(
        total.RowsRead + chunk.RowsRead,
        total.RowsStaged + chunk.RowsStaged,
        total.ErrorCount + chunk.ErrorCount,
        [.. total.Errors.Concat(chunk.Errors).Take(StagedRows.ErrorCap)]);
}
