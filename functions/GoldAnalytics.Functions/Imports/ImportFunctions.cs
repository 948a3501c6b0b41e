using System.Globalization;
using System.Text;
using GoldAnalytics.Data.Imports;
using GoldAnalytics.Functions.Entry;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Durable;
using GoldAnalytics.Runtime.Durable.Http;
using GoldAnalytics.Runtime.Http;
using GoldAnalytics.Runtime.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoldAnalytics.Functions.Imports;

/// <summary>
/// CSV imports: a template per kind, the import itself (a large file as an orchestration whose status is
/// polled), the import history and the rejected rows of a partial import.
/// </summary>
[RequireRole(Role.Staff)]
public sealed class ImportFunctions(ImportRunner runner, ImportHistory history, StagedImport staged, ImportFiles files)
{
    /// <summary>Largest file an import accepts, above the host's body limit for ordinary requests (the file is streamed to disk).</summary>
    public const long MaxFileBytes = 1L << 30;

    private static readonly string[] CsvTypes = ["text/csv", "text/plain", "application/csv", "application/vnd.ms-excel", "application/octet-stream"];

    [Function("ImportTemplate")]
    [RequireRole(Role.Viewer)]
    public static ContentHttpResult Template(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "imports/{kind}/template")] HttpRequest request,
        string kind)
    {
        var found = Kind(kind);
        request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{found.Name}-template.csv\"";
        return TypedResults.Text(CsvCells.Template(found), "text/csv; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>
    /// Imports a CSV body. Query: <c>mode=valid-rows</c> to write the valid rows and keep the rejected ones
    /// as a CSV; <c>culture</c> (e.g. de-DE) for numbers; <c>dateFormat</c> (e.g. dd.MM.yyyy) besides ISO dates;
    /// <c>background=true</c> (or a file of <c>GA_IMPORT_ASYNC_BYTES</c> or more) to run it as an orchestration:
    /// 202 with the status URL in <c>Location</c>; <c>background=false</c> imports any file at once.
    /// </summary>
    [Function("ImportCsv")]
    public async Task<IResult> Import(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "imports/{kind}")] HttpRequest request,
        string kind,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken,
        string? mode = null,
        string? culture = null,
        string? dateFormat = null,
        string? fileName = null,
        string? background = null)
    {
        var found = Kind(kind);
        var options = new ImportOptions(Mode(mode), Culture(culture), DateFormat(dateFormat), fileName);
        var inBackground = Background(background);
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not null && !CsvTypes.Contains(mediaType))
        {
            throw new ProblemException(415, ProblemCodes.UnsupportedMediaType, $"Send the file as text/csv (got '{mediaType}').");
        }

        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxFileBytes;
        }

        ImportResult result;
        try
        {
            await using var file = await SpooledCsv.SpoolAsync(request.Body, cancellationToken);
            if (files.RunsAsJob(file, inBackground))
            {
                return await StartJobAsync(request, client, found, file, options, mode ?? "all-or-nothing", cancellationToken);
            }

            result = await runner.RunAsync(found, file, options, request.Actor(), cancellationToken);
        }
        catch (NotCsvException notCsv)
        {
            throw notCsv.UnsupportedMediaType
                ? new ProblemException(415, ProblemCodes.UnsupportedMediaType, notCsv.Message)
                : new ProblemException(422, notCsv.Code, notCsv.Message,
                    notCsv.Line is { } line ? [new FieldError($"line {line.ToString(CultureInfo.InvariantCulture)}", notCsv.Code, notCsv.Message)] : null);
        }

        if (!result.Written && !result.AlreadyImported)
        {
            throw new ProblemException(422, "invalid_rows",
                $"{result.RowsRejected} of {result.RowsRead} rows are invalid ({result.ErrorCount} errors; the first {result.Errors.Count} are listed); nothing was written. Fix them, or import with mode=valid-rows.",
                [.. result.Errors.Select(e => new FieldError($"row {e.Row.ToString(CultureInfo.InvariantCulture)}: {e.Column}", "invalid_cell", e.Reason))]);
        }

        return result.AlreadyImported ? TypedResults.Ok(result) : TypedResults.Created($"{request.PathBase}/api/imports/{found.Name}/{result.ImportId}/rejected", result);
    }

    /// <summary>
    /// The status of an import running as an orchestration, as Durable Functions' status query answers: 202 while it runs
    /// (<c>customStatus</c>: phase, rows processed and total), 200 when it has finished (<c>output</c>: the import's result).
    /// </summary>
    [Function("ImportJobStatus")]
    public static async Task<IResult> JobStatus(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "imports/jobs/{instanceId}")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null || instance.Name != ImportJobs.Orchestration)
        {
            throw new ProblemException(404, ProblemCodes.NotFound, $"No import job '{instanceId}'.");
        }

        var status = InstanceStatusResponse.From(instance, showInput: false, history: null);
        return instance.IsCompleted ? TypedResults.Ok(status) : TypedResults.Accepted(StatusUrl(request, instanceId), status);
    }

    /// <summary>One recorded import: counts, the first errors, who imported it and when.</summary>
    [Function("ImportRecord")]
    [RequireRole(Role.Viewer)]
    public async Task<IResult> Record(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "imports/{kind}/{id}")] HttpRequest request,
        string kind,
        long id,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await history.FindAsync(Kind(kind).Name, id, cancellationToken) ?? throw EntryProblems.NotFound($"{kind} import", id));

    [Function("ImportRejectedRows")]
    [RequireRole(Role.Viewer)]
    public async Task<IResult> Rejected(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "imports/{kind}/{id}/rejected")] HttpRequest request,
        string kind,
        long id,
        CancellationToken cancellationToken)
    {
        var csv = await history.RejectedCsvAsync(Kind(kind).Name, id, cancellationToken) ?? throw EntryProblems.NotFound($"{kind} import with rejected rows", id);
        request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{kind}-{id}-rejected.csv\"";
        return TypedResults.Text(csv, "text/csv; charset=utf-8", Encoding.UTF8);
    }

    private async Task<IResult> StartJobAsync(HttpRequest request, DurableTaskClient client, ImportKind kind, SpooledCsv file, ImportOptions options, string mode, CancellationToken cancellationToken)
    {
        if (await staged.ImportedAsync(kind, file.Sha256, cancellationToken) is { } previous)
        {
            return TypedResults.Ok(new ImportResult(previous, kind.Name, false, true, 0, 0, 0, 0, 0, []));
        }

        // The same file in the same mode is one job: sending it again while it runs answers with its status.
        var instanceId = $"import-{kind.Name}-{mode}-{Convert.ToHexStringLower(file.Sha256)[..32]}";
        var blob = await files.UploadAsync(kind, file, cancellationToken);
        var job = new ImportJob(kind.Name, blob, mode, options.Culture.Name, options.DateFormat, options.FileName, request.Actor(), files.ChunkRows);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(ImportJobs.Orchestration, job, new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Already running: its status URL is the answer.
        }

        var status = StatusUrl(request, instanceId);
        return TypedResults.Accepted(status, new ImportJobAccepted(instanceId, status, file.Length));
    }

    private static string StatusUrl(HttpRequest request, string instanceId) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/api/imports/jobs/{Uri.EscapeDataString(instanceId)}";

    private static bool? Background(string? value) => value switch
    {
        null => null,
        "true" => true,
        "false" => false,
        _ => throw new ProblemException(400, ProblemCodes.InvalidValue, "background is true (run as an orchestration) or false (import at once)."),
    };

    private static ImportKind Kind(string name) => ImportKinds.Find(name)
        ?? throw new ProblemException(404, ProblemCodes.NotFound, $"Unknown import '{name}'; one of {string.Join(", ", ImportKinds.All.Select(k => k.Name))}.");

    private static ImportMode Mode(string? mode) => mode switch
    {
        null or "all-or-nothing" => ImportMode.AllOrNothing,
        "valid-rows" => ImportMode.ValidRows,
        _ => throw new ProblemException(400, ProblemCodes.InvalidValue, "mode is all-or-nothing (the default) or valid-rows."),
    };

    private static CultureInfo Culture(string? name)
    {
        if (name is null)
        {
            return CultureInfo.InvariantCulture;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(name, predefinedOnly: true);
            return culture;
        }
        catch (CultureNotFoundException)
        {
            throw new ProblemException(400, ProblemCodes.InvalidValue, $"culture '{name}' is not a known culture name (e.g. en-US, de-DE, fr-FR).");
        }
    }

    private static string? DateFormat(string? format)
    {
        if (format is null)
        {
            return null;
        }

        return format.Length <= 20 && format.Contains('d', StringComparison.Ordinal) && format.Contains('M', StringComparison.Ordinal) && format.Contains('y', StringComparison.Ordinal)
               && RoundTrips(format)
            ? format
            : throw new ProblemException(400, ProblemCodes.InvalidValue, $"dateFormat '{format}' must name day, month and year, e.g. dd.MM.yyyy or MM/dd/yyyy.");
    }

    private static bool RoundTrips(string format)
    {
        var day = new DateOnly(2026, 11, 20);
        try
        {
            return DateOnly.TryParseExact(day.ToString(format, CultureInfo.InvariantCulture), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var back) && back == day;
        }
        catch (FormatException)
        {
            // Not a format at all, such as an unclosed quote.
            return false;
        }
    }
}
