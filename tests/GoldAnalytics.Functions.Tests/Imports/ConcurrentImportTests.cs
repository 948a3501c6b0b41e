using System.Net;
using GoldAnalytics.Functions.Tests.Entry;

namespace GoldAnalytics.Functions.Tests.Imports;

public sealed class ConcurrentImportTests(EntryHost host) : IClassFixture<EntryHost>
{
    [Fact]
    public async Task The_same_expenses_file_sent_five_times_at_once_is_written_once_and_the_others_answer_already_imported()
    {
        // Expenses have no natural key: only the file's hash keeps a second import from doubling them.
        const string csv = "business_date,branch_code,category,amount,description,supplier_code\r\n"
            + "2026-11-03,DXB,utilities,1250.00,Electricity,\r\n2026-11-03,SHJ,rent,9000.00,November rent,\r\n2026-11-04,,marketing,400.00,Flyers,\r\n";

        var answers = await Concurrently.SendAsync(5, _ => host.ImportAsync("expenses", csv));

        answers.Count(a => a.Status == HttpStatusCode.Created).Should().Be(1, string.Join('\n', answers));
        answers.Where(a => a.Status != HttpStatusCode.Created).Should().AllSatisfy(a =>
        {
            a.Status.Should().Be(HttpStatusCode.OK, a.ToString());
            a.Json.GetProperty("alreadyImported").GetBoolean().Should().BeTrue();
        });
        var importId = answers.Single(a => a.Status == HttpStatusCode.Created).Json.GetProperty("importId").GetInt64();
        answers.Should().AllSatisfy(a => a.Json.GetProperty("importId").GetInt64().Should().Be(importId));
        (await host.ScalarAsync<long>("SELECT count(*) FROM expenses")).Should().Be(3);
        (await host.ScalarAsync<long>("SELECT count(*) FROM import_files WHERE kind = 'expenses'")).Should().Be(1);
        (await host.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE table_name = 'import_files'")).Should().Be(1);
        (await host.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE kind = 'imports.expenses.imported'")).Should().Be(1);
    }
}
