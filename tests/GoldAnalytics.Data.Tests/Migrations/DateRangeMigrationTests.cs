using Dapper;
using GoldAnalytics.Data.Migrations;
using GoldAnalytics.Testing;
using Npgsql;

namespace GoldAnalytics.Data.Tests.Migrations;

/// <summary>0070 and 0071 on a database that already stores dates PostgreSQL keeps as -infinity, infinity or year 9999.</summary>
public sealed class DateRangeMigrationTests : IAsyncLifetime
{
    private const int BeforeDateRanges = 69;

    private readonly PostgresDatabase _database = new();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await new Migrator(_database.ConnectionString).MigrateAsync([MigrationSet.Shop.UpTo(BeforeDateRanges)]);
        await using var connection = Open();
        await connection.ExecuteAsync("""
            INSERT INTO branches (id, code, name, city, opened_on) VALUES (1, 'DXB', 'Dubai', 'Dubai', '2020-01-01');
            INSERT INTO staff (id, branch_id, code, name, hired_on) VALUES (1, 1, 'S-001', 'Salma', '2020-01-01');
            INSERT INTO customers (id, code, name, birthday, registered_on, created_at) VALUES
                (101, 'C-1', 'Birthday at minus infinity', '-infinity', '2024-01-01', '2024-01-01 09:00+00'),
                (102, 'C-2', 'Registered at infinity', '1985-03-04', 'infinity', '2024-02-03 09:00+00'),
                (103, 'C-3', 'Born in the year 1', '0001-01-01', '2024-01-01', '2024-01-01 09:00+00'),
                (104, 'C-4', 'Nothing wrong', '1990-06-07', '2024-01-01', '2024-01-01 09:00+00');
            INSERT INTO invoices (id, number, branch_id, salesperson_id, issued_at, business_date, subtotal, total, cost) VALUES
                (101, 'INV-1', 1, 1, '-infinity', '2026-01-05', 0, 0, 0),
                (102, 'INV-2', 1, 1, 'infinity', 'infinity', 0, 0, 0),
                (103, 'INV-3', 1, 1, '2026-01-06 10:00+00', '2026-01-06', 0, 0, 0);
            INSERT INTO expenses (id, category, business_date, amount) VALUES (101, 'rent', '-infinity', 5), (102, 'rent', '2026-01-01', 5);
            INSERT INTO gold_rates (business_date, karat, buy_per_gram, sell_per_gram) VALUES ('9999-12-31', 22, 1, 2), ('2026-01-05', 22, 1, 2);
            INSERT INTO targets (branch_id, month, metric, value) VALUES (1, 'infinity', 'revenue', 1);
            """);
        await new Migrator(_database.ConnectionString).MigrateAsync([MigrationSet.Shop]);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    private NpgsqlConnection Open() => new(_database.ConnectionString);

    [Fact]
    public async Task Birthdays_outside_the_range_are_cleared_and_the_clearing_is_audited()
    {
        await using var connection = Open();

        (await connection.QueryAsync<(long, DateOnly?)>("SELECT id, birthday FROM customers ORDER BY id")).Should().Equal(
            (101L, null), (102L, new DateOnly(1985, 3, 4)), (103L, null), (104L, new DateOnly(1990, 6, 7)));
        (await connection.QueryAsync<(string, string, string, string?)>("""
            SELECT actor, record_id, before->>'birthday', after->>'birthday' FROM audit_log WHERE table_name = 'customers' AND before->>'birthday' IS DISTINCT FROM after->>'birthday' ORDER BY record_id
            """)).Should().Equal(("migration", "101", "-infinity", null), ("migration", "103", "0001-01-01", null));
    }

    [Fact]
    public async Task Dates_whose_right_value_is_known_are_replaced_and_recorded_as_findings()
    {
        await using var connection = Open();

        (await connection.ExecuteScalarAsync<DateOnly>("SELECT registered_on FROM customers WHERE id = 102")).Should().Be(new DateOnly(2024, 2, 3), "the day the customer was entered");
        (await connection.ExecuteScalarAsync<DateTime>("SELECT issued_at FROM invoices WHERE id = 101")).Should().Be(new DateTime(2026, 1, 5, 12, 0, 0, DateTimeKind.Utc));
        (await connection.QueryAsync<(string, string, string, string, string, bool)>("""
            SELECT table_name, column_name, record_key, value, action, resolved_at IS NOT NULL FROM date_range_findings WHERE action <> 'reported' ORDER BY table_name, column_name, record_key
            """)).Should().Equal(
            ("customers", "birthday", "101", "-infinity", "cleared", true),
            ("customers", "birthday", "103", "0001-01-01", "cleared", true),
            ("customers", "registered_on", "102", "infinity", "replaced", true),
            ("invoices", "issued_at", "101", "-infinity", "replaced", true));
    }

    [Fact]
    public async Task Business_dates_are_reported_unchanged_and_their_constraints_wait_not_valid()
    {
        await using var connection = Open();

        (await connection.QueryAsync<(string, string, string, string)>("""
            SELECT table_name, column_name, record_key, value FROM date_range_findings WHERE action = 'reported' AND resolved_at IS NULL ORDER BY 1, 2, 3
            """)).Should().Equal(
            ("expenses", "business_date", "101", "-infinity"),
            ("gold_rates", "business_date", "(9999-12-31,22)", "9999-12-31"),
            ("invoices", "business_date", "102", "infinity"),
            ("invoices", "issued_at", "102", "infinity"),
            ("targets", "month", "(1,infinity,revenue)", "infinity"));
        (await NotValidAsync(connection)).Should().Equal(
            "expenses_business_date_in_range", "gold_rates_business_date_in_range", "invoices_business_date_in_range", "invoices_issued_at_in_range", "targets_month_in_range");
        (await connection.ExecuteScalarAsync<string>("SELECT business_date::text FROM expenses WHERE id = 101")).Should().Be("-infinity");
    }

    [Fact]
    public async Task Every_date_and_time_column_of_the_shop_records_refuses_a_date_outside_the_range_even_while_not_valid()
    {
        await using var connection = Open();

        var constrained = await connection.QueryAsync<string>("SELECT conname FROM pg_constraint WHERE conname LIKE '%\\_in\\_range'");
        constrained.Should().Contain(["customers_birthday_in_range", "customers_registered_on_in_range", "invoices_issued_at_in_range", "expenses_business_date_in_range",
            "refunds_business_date_in_range", "stock_movements_business_date_in_range", "gold_rates_business_date_in_range", "targets_month_in_range",
            "shop_festivals_first_day_in_range", "expenses_deleted_at_in_range"]);
        foreach (var (sql, constraint) in new[]
        {
            ("INSERT INTO expenses (category, business_date, amount) VALUES ('rent', '2101-01-01', 1)", "expenses_business_date_in_range"),
            ("INSERT INTO customers (code, name, birthday, registered_on) VALUES ('C-9', 'x', '1899-12-31', '2026-01-01')", "customers_birthday_in_range"),
            ("INSERT INTO gold_rates (business_date, karat, buy_per_gram, sell_per_gram) VALUES ('-infinity', 22, 1, 2)", "gold_rates_business_date_in_range"),
            ("UPDATE invoices SET issued_at = '2100-12-31 23:00-05' WHERE id = 103", "invoices_issued_at_in_range"),
        })
        {
            var refused = await FluentActions.Awaiting(() => connection.ExecuteAsync(sql)).Should().ThrowAsync<PostgresException>();
            refused.Which.SqlState.Should().Be(PostgresErrorCodes.CheckViolation);
            refused.Which.ConstraintName.Should().Be(constraint);
        }

        await connection.ExecuteAsync("INSERT INTO expenses (category, business_date, amount) VALUES ('rent', '2100-12-31', 1), ('rent', '1900-01-01', 1)");
    }

    [Fact]
    public async Task Validation_after_the_reported_rows_are_corrected_validates_their_constraints_and_resolves_the_findings()
    {
        await using var connection = Open();
        (await connection.QueryAsync<(string, string, long)>("SELECT * FROM validate_date_ranges()")).Should().HaveCount(5, "nothing has been corrected yet");

        await connection.ExecuteAsync("""
            UPDATE expenses SET business_date = '2026-01-02' WHERE id = 101;
            DELETE FROM gold_rates WHERE business_date = '9999-12-31';
            UPDATE invoices SET business_date = '2026-01-07', issued_at = '2026-01-07 11:00+00' WHERE id = 102;
            """);
        var open = await connection.QueryAsync<(string, string, long)>("SELECT * FROM validate_date_ranges()");

        open.Should().Equal([("targets", "month", 1L)]);
        (await NotValidAsync(connection)).Should().Equal("targets_month_in_range");
        (await connection.QueryAsync<string>("SELECT DISTINCT table_name FROM date_range_findings WHERE resolved_at IS NULL")).Should().Equal("targets");
    }

    [Fact]
    public async Task A_database_without_such_dates_gets_every_constraint_validated_and_no_findings()
    {
        var clean = new PostgresDatabase();
        await clean.InitializeAsync();
        try
        {
            await new Migrator(clean.ConnectionString).MigrateAsync([MigrationSet.Shop]);
            await using var connection = new NpgsqlConnection(clean.ConnectionString);

            (await NotValidAsync(connection)).Should().BeEmpty();
            (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM date_range_findings")).Should().Be(0);
            (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_constraint WHERE conname LIKE '%\\_in\\_range'")).Should().BeGreaterThan(40);
        }
        finally
        {
            await clean.DisposeAsync();
        }
    }

    private static async Task<IReadOnlyList<string>> NotValidAsync(NpgsqlConnection connection) =>
        [.. await connection.QueryAsync<string>("SELECT conname FROM pg_constraint WHERE conname LIKE '%\\_in\\_range' AND NOT convalidated ORDER BY conname")];
}
