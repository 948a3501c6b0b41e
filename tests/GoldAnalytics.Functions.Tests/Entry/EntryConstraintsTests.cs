using GoldAnalytics.Functions.Entry;

namespace GoldAnalytics.Functions.Tests.Entry;

public sealed class EntryConstraintsTests(EntryHost host) : IClassFixture<EntryHost>
{
    // Keys only the product itself writes, from values it derives: a violation of one is a fault, not a request's problem.
    private static readonly string[] Internal =
        ["invoice_lines_line_no", "purchase_order_lines_line_no", "import_files_job", "webhook_deliveries_once", "forecast_runs_instance_id_key", "shop_festivals_once_a_day", "loyalty_tiers_code_key"];

    [Fact]
    public async Task Every_constraint_the_api_answers_for_is_in_the_schema_as_an_index_a_constraint_or_a_trigger_that_raises_it()
    {
        foreach (var name in EntryConstraints.Problems.Keys)
        {
            (await host.ScalarAsync<bool>("""
                SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = @name)
                    OR EXISTS (SELECT 1 FROM pg_class WHERE relname = @name AND relkind = 'i')
                    OR EXISTS (SELECT 1 FROM pg_proc WHERE prosrc LIKE '%CONSTRAINT = ''' || @name || '''%')
                """, new { name })).Should().BeTrue($"{name} is answered for, so the schema must have it");
        }
    }

    [Fact]
    public async Task Every_unique_key_a_request_can_send_is_answered_with_the_field_it_names()
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.ConnectionString);
        var unique = await Dapper.SqlMapper.QueryAsync<string>(connection, """
            SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace
             WHERE x.indisunique AND NOT x.indisprimary AND n.nspname = 'public'
            """);

        unique.Except(Internal).Should().BeSubsetOf(EntryConstraints.Problems.Keys).And.NotBeEmpty();
        EntryConstraints.Problems.Values.Should().OnlyContain(p => p.Status >= 400 && p.Status < 500 && p.Field.Length > 0);
    }
}
