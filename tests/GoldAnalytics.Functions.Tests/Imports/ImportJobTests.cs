using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using GoldAnalytics.Data.Imports;
using GoldAnalytics.Functions.Imports;
using GoldAnalytics.Functions.Tests.Entry;
using GoldAnalytics.Testing;
using Npgsql;

namespace GoldAnalytics.Functions.Tests.Imports;

/// <summary>The function app with large imports staged in small chunks, so that a test file shows its progress, and a container of its own.</summary>
public sealed class ImportJobHost : EntryHost
{
    public string Container { get; } = $"imports-test-{Guid.NewGuid():N}"[..40];

    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        [ImportJobOptions.ChunkRowsSetting] = "2000",
        [ImportJobOptions.ContainerSetting] = Container,
        ["GA_BLOB_ACCOUNT"] = TestServices.BlobAccount,
        ["GA_BLOB_KEY"] = TestServices.BlobKey,
    };
}

public sealed class ImportJobTests(ImportJobHost host) : IClassFixture<ImportJobHost>
{
    private const string Header = "invoice_number,business_date,branch_code,salesperson_code,customer_code,sku,quantity,weight_g,gold_rate,making_charge,stone_value,discount,tax_rate,line_total\r\n";

    [Fact]
    public async Task A_large_import_runs_as_an_orchestration_whose_status_shows_its_progress_and_its_result()
    {
        var csv = SalesFile("BIG", 24_000);

        var accepted = await host.ImportAsync("sales", csv, "?background=true");

        accepted.StatusCode.Should().Be(HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        var (progress, final) = await PollAsync(accepted.Headers.Location!);
        progress.Select(p => p.GetRawText()).Distinct().Should().HaveCountGreaterThanOrEqualTo(2);
        progress.Should().Contain(p => p.GetProperty("phase").GetString() == "staging" && p.GetProperty("rowsProcessed").GetInt64() > 0 && p.GetProperty("rowsTotal").GetInt64() == 24_000);
        final.GetProperty("runtimeStatus").GetString().Should().Be("Completed");
        var result = final.GetProperty("output").GetProperty("result");
        result.GetProperty("rowsWritten").GetInt32().Should().Be(24_000);
        (await host.ScalarAsync<long>("SELECT count(*) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.number LIKE 'BIG-%'")).Should().Be(24_000);
        var record = await EntryHost.JsonAsync(await host.SendAsync(HttpMethod.Get, $"/api/imports/sales/{result.GetProperty("importId").GetInt64()}", key: host.ViewerKey));
        record.GetProperty("rowsWritten").GetInt32().Should().Be(24_000);
        record.GetProperty("jobId").GetString().Should().Be(final.GetProperty("instanceId").GetString());
        (await host.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'import_job_%'")).Should().Be(0);
    }

    [Fact]
    public async Task An_invalid_large_file_writes_nothing_and_its_output_lists_the_errors()
    {
        var csv = SalesFile("BAD", 9_000) + "BAD-X,2026-11-20,DXB,S1,,NO-SUCH-SKU,1,,,,,0,0,\r\n";
        var before = await ShopCountsAsync();

        var accepted = await host.ImportAsync("sales", csv, "?background=true");

        accepted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var (_, final) = await PollAsync(accepted.Headers.Location!);
        var result = final.GetProperty("output").GetProperty("result");
        result.GetProperty("written").GetBoolean().Should().BeFalse();
        result.GetProperty("errorCount").GetInt32().Should().Be(1);
        var error = result.GetProperty("errors")[0];
        error.GetProperty("row").GetInt32().Should().Be(9_002);
        error.GetProperty("column").GetString().Should().Be("sku");
        (await ShopCountsAsync()).Should().Equal(before);
        (await host.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'import_job_%'")).Should().Be(0);
    }

    [Fact]
    public async Task Importing_the_same_large_file_again_writes_nothing_twice()
    {
        var csv = SalesFile("TWICE", 5_000);
        var (_, first) = await PollAsync((await host.ImportAsync("sales", csv, "?background=true")).Headers.Location!);

        var again = await host.ImportAsync("sales", csv, "?background=true");

        first.GetProperty("output").GetProperty("result").GetProperty("rowsWritten").GetInt32().Should().Be(5_000);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await EntryHost.JsonAsync(again)).GetProperty("alreadyImported").GetBoolean().Should().BeTrue();
        (await host.ScalarAsync<long>("SELECT count(*) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.number LIKE 'TWICE-%'")).Should().Be(5_000);
    }

    [Fact]
    public async Task The_same_file_sent_at_once_as_an_import_and_as_two_jobs_is_written_once()
    {
        var csv = SalesFile("RACE", 3_000);

        var answers = await Concurrently.SendAsync(3, i => host.ImportAsync("sales", csv, i == 0 ? "?background=false" : "?background=true"));

        var results = new List<JsonElement>();
        foreach (var answer in answers)
        {
            if (answer.Status == HttpStatusCode.Accepted)
            {
                var (_, final) = await PollAsync(new Uri(answer.Json.GetProperty("statusQueryGetUri").GetString()!));
                final.GetProperty("runtimeStatus").GetString().Should().Be("Completed", final.GetRawText());
                results.Add(final.GetProperty("output").GetProperty("result"));
            }
            else
            {
                answer.Status.Should().BeOneOf([HttpStatusCode.Created, HttpStatusCode.OK], answer.ToString());
                results.Add(answer.Json);
            }
        }

        results.Count(r => r.GetProperty("written").GetBoolean()).Should().Be(1, string.Join('\n', results));
        results.Where(r => !r.GetProperty("written").GetBoolean()).Should().AllSatisfy(r => r.GetProperty("alreadyImported").GetBoolean().Should().BeTrue());
        (await host.ScalarAsync<long>("SELECT count(*) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.number LIKE 'RACE-%'")).Should().Be(3_000);
        (await host.ScalarAsync<long>("SELECT count(*) FROM import_files WHERE kind = 'sales' AND sha256 = @hash",
            new { hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(csv)) })).Should().Be(1);
    }

    [Fact]
    public async Task Steps_repeated_after_a_host_crash_neither_stage_nor_write_rows_twice()
    {
        await using var dataSource = NpgsqlDataSource.Create(host.ConnectionString);
        var imports = new StagedImport(dataSource);
        var kind = ImportKinds.Find("sales")!;
        var options = new ImportOptions(ImportMode.AllOrNothing, CultureInfo.InvariantCulture, null, "again.csv");
        await using var body = new MemoryStream(Encoding.UTF8.GetBytes(SalesFile("AGAIN", 3_000)));
        await using var file = await SpooledCsv.SpoolAsync(body, CancellationToken.None);
        const string job = "import-test-crash";

        var first = await imports.StageAsync(job, kind, file, options, new RecordRange(0, 2_000), CancellationToken.None);
        var repeated = await imports.StageAsync(job, kind, file, options, new RecordRange(0, 2_000), CancellationToken.None);
        var rest = await imports.StageAsync(job, kind, file, options, new RecordRange(2_000, 2_000), CancellationToken.None);
        var total = new StagedChunk(repeated.RowsRead + rest.RowsRead, repeated.RowsStaged + rest.RowsStaged, 0, []);
        var written = await imports.WriteAsync(job, kind, file, options, "test", total, CancellationToken.None);
        var rewritten = await imports.WriteAsync(job, kind, file, options, "test", total, CancellationToken.None);
        await imports.DropAsync(job, CancellationToken.None);

        first.RowsStaged.Should().Be(2_000);
        rest.RowsStaged.Should().Be(1_000);
        written.RowsWritten.Should().Be(3_000);
        rewritten.ImportId.Should().Be(written.ImportId);
        rewritten.RowsWritten.Should().Be(3_000);
        (await host.ScalarAsync<long>("SELECT count(*) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.number LIKE 'AGAIN-%'")).Should().Be(3_000);
    }

    // Invoices of one to three lines on the day the host has rates for, at both branches.
    private static string SalesFile(string prefix, int lines)
    {
        string[] skus = ["RNG-22-001", "NCK-18-001", "COIN-24-010"];
        var csv = new StringBuilder(Header);
        for (var line = 0; line < lines; line++)
        {
            var invoice = line / 3;
            var (branch, seller) = invoice % 2 == 0 ? ("DXB", "S1") : ("SHJ", "S2");
            csv.Append(CultureInfo.InvariantCulture, $"{prefix}-{invoice:D6},2026-11-20,{branch},{seller},,{skus[line % 3]},1,,,,,0,0.05,\r\n");
        }

        return csv.ToString();
    }

    // Polls the status URL until the job finishes; returns every custom status seen while it ran, and the final status.
    private async Task<(List<JsonElement> Progress, JsonElement Final)> PollAsync(Uri status)
    {
        var progress = new List<JsonElement>();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var response = await host.SendAsync(HttpMethod.Get, status.IsAbsoluteUri ? status.PathAndQuery : status.ToString());
            var body = await EntryHost.JsonAsync(response);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return (progress, body);
            }

            response.StatusCode.Should().Be(HttpStatusCode.Accepted, body.GetRawText());
            if (body.TryGetProperty("customStatus", out var custom) && custom.ValueKind == JsonValueKind.Object)
            {
                progress.Add(custom);
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"The import job at {status} did not finish in 3 minutes.");
    }

    private async Task<long[]> ShopCountsAsync() =>
    [
        await host.ScalarAsync<long>("SELECT count(*) FROM invoices"),
        await host.ScalarAsync<long>("SELECT count(*) FROM invoice_lines"),
        await host.ScalarAsync<long>("SELECT count(*) FROM import_files"),
        await host.ScalarAsync<long>("SELECT count(*) FROM outbox_events"),
        await host.ScalarAsync<long>("SELECT count(*) FROM audit_log"),
    ];
}
