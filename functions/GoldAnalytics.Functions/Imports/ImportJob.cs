using System.Globalization;
using GoldAnalytics.Data.Imports;

namespace GoldAnalytics.Functions.Imports;

/// <summary>A large import as it travels through its orchestration: the file in blob storage and how to read it.</summary>
public sealed record ImportJob(string Kind, string Blob, string Mode, string Culture, string? DateFormat, string? FileName, string Actor, int ChunkRows)
{
    /// <summary>The reading options of the file.</summary>
    public ImportOptions ReadOptions() => new(
        Mode == "valid-rows" ? ImportMode.ValidRows : ImportMode.AllOrNothing,
        Culture.Length == 0 ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(Culture, predefinedOnly: true),
        DateFormat,
        FileName);

    /// <summary>The import kind.</summary>
    public ImportKind FindKind() => ImportKinds.Find(Kind) ?? throw new InvalidOperationException($"Unknown import kind '{Kind}'.");
}

/// <summary>What the first step found: the number of records, an earlier import of the same file, or why the file is no CSV.</summary>
public sealed record ImportInspection(long Records, long? ImportedId, string? Problem);

/// <summary>One chunk of records to stage: those after record <see cref="After"/>, at most <see cref="Count"/>.</summary>
public sealed record ImportChunkWork(string JobId, ImportJob Job, long After, long Count);

/// <summary>What staging a chunk did, or why the file cannot be read (malformed quoting found deep in it).</summary>
public sealed record ImportChunkOutcome(StagedChunk? Staged, string? Problem);

/// <summary>The final step's work: the job and the sum of its staged chunks.</summary>
public sealed record ImportWriteWork(string JobId, ImportJob Job, StagedChunk Staged);

/// <summary>The custom status of a running import: its phase and rows processed of the total.</summary>
public sealed record ImportProgress(string Phase, long RowsProcessed, long? RowsTotal);

/// <summary>
/// The output of an import orchestration: the result (imported counts, errors with row, column and reason up to the cap),
/// the rejected rows' CSV in valid-rows mode, or the problem that kept the file from being read.
/// </summary>
public sealed record ImportOutcome(ImportResult? Result, string? RejectedRowsUrl, string? Problem);

/// <summary>The answer to a file imported in the background: the job's id and the URL to poll for its status.</summary>
public sealed record ImportJobAccepted(string Id, string StatusQueryGetUri, long Bytes);
