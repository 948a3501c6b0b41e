namespace GoldAnalytics.Data.Imports;

/// <summary>Imports of reference data (gold rates, customers, products): upserts on the natural key, so a re-import changes nothing.</summary>
internal static class ReferenceImports
{
    public static ImportKind GoldRates { get; } = new(
        "gold-rates", "gold_rate",
        [
            new("business_date", CellType.Date, true, "2026-11-20"),
            new("karat", CellType.Integer, true, "22"),
            new("buy_per_gram", CellType.Decimal, true, "274.80"),
            new("sell_per_gram", CellType.Decimal, true, "283.96"),
            new("source", CellType.Text, false, "supplier sheet", 100),
        ],
        [
            ImportChecks.Karat(), ImportChecks.Positive("buy_per_gram"), ImportChecks.Positive("sell_per_gram"), ImportChecks.NotFarAhead(),
            ImportChecks.AtMost("buy_per_gram", "99999999"), ImportChecks.AtMost("sell_per_gram", "99999999"),
            ImportChecks.Decimals("buy_per_gram", 4), ImportChecks.Decimals("sell_per_gram", 4),
            new("sell_per_gram", "the sell rate cannot be below the buy rate", "SELECT row_no FROM import_staging WHERE sell_per_gram < buy_per_gram"),
            ImportChecks.UniqueInFile("business_date, karat", "date and karat"),
        ],
        """
        WITH written AS (
            INSERT INTO gold_rates (business_date, karat, buy_per_gram, sell_per_gram, source)
            SELECT business_date, karat, buy_per_gram, sell_per_gram, coalesce(source, 'import') FROM import_staging
            ON CONFLICT (business_date, karat) DO UPDATE SET buy_per_gram = EXCLUDED.buy_per_gram, sell_per_gram = EXCLUDED.sell_per_gram,
                   source = EXCLUDED.source, recorded_at = now()
             WHERE (gold_rates.buy_per_gram, gold_rates.sell_per_gram) IS DISTINCT FROM (EXCLUDED.buy_per_gram, EXCLUDED.sell_per_gram)
            RETURNING 1)
        SELECT count(*) FROM written
        """,
        ImportChecks.Affected("business_date", null));

    public static ImportKind Customers { get; } = new(
        "customers", "customer",
        [
            new("code", CellType.Text, true, "C-000123", 40),
            new("name", CellType.Text, true, "Fatima Al Marri"),
            new("phone", CellType.Text, false, "+971 50 123 4567", 40),
            new("email", CellType.Text, false, "fatima@example.com"),
            new("birthday", CellType.Date, false, "1990-04-12"),
            new("city", CellType.Text, false, "Dubai", 100),
            new("home_branch_code", CellType.Text, false, "DXB", 40),
            new("registered_on", CellType.Date, true, "2026-11-20"),
            new("marketing_opt_in", CellType.Boolean, false, "yes"),
        ],
        [
            ImportChecks.Branch("home_branch_code"),
            new("email", "is not an e-mail address", """SELECT row_no FROM import_staging WHERE email IS NOT NULL AND email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'"""),
            new("birthday", "is in the future", "SELECT row_no FROM import_staging WHERE birthday > current_date"),
            ImportChecks.NotFarAhead("registered_on"),
            ImportChecks.UniqueInFile("code", "customer code"),
        ],
        """
        WITH written AS (
            INSERT INTO customers (code, name, phone, email, birthday, city, home_branch_id, registered_on, marketing_opt_in)
            SELECT s.code, s.name, s.phone, s.email, s.birthday, s.city, b.id, s.registered_on, coalesce(s.marketing_opt_in, false)
              FROM import_staging s LEFT JOIN branches b ON b.code = s.home_branch_code
            ON CONFLICT (code) WHERE deleted_at IS NULL DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone, email = EXCLUDED.email,
                   birthday = EXCLUDED.birthday, city = EXCLUDED.city, home_branch_id = EXCLUDED.home_branch_id, marketing_opt_in = EXCLUDED.marketing_opt_in
             WHERE (customers.name, customers.phone, customers.email, customers.birthday, customers.city, customers.home_branch_id, customers.marketing_opt_in)
                   IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.phone, EXCLUDED.email, EXCLUDED.birthday, EXCLUDED.city, EXCLUDED.home_branch_id, EXCLUDED.marketing_opt_in)
            RETURNING 1)
        SELECT count(*) FROM written
        """,
        "SELECT NULL AS dates, NULL AS branches");

    public static ImportKind Products { get; } = new(
        "products", "product",
        [
            new("sku", CellType.Text, true, "RNG-22-0042", 40),
            new("name", CellType.Text, true, "Twisted band ring"),
            new("category", CellType.Text, true, "ring", 40),
            new("product_line_code", CellType.Text, true, "classic", 40),
            new("metal", CellType.Text, false, "yellow_gold", 40),
            new("karat", CellType.Integer, true, "22"),
            new("net_weight_g", CellType.Decimal, true, "4.250"),
            new("stone_value", CellType.Decimal, false, "0"),
            new("making_charge_type", CellType.Text, true, "per_gram", 20),
            new("making_charge_value", CellType.Decimal, true, "12.5"),
            new("unit_cost", CellType.Decimal, true, "35.00"),
            new("supplier_code", CellType.Text, false, "", 40),
        ],
        [
            new("category", "no category has this code", "SELECT row_no FROM import_staging s WHERE NOT EXISTS (SELECT 1 FROM categories c WHERE c.code = s.category)"),
            new("product_line_code", "no product line has this code", "SELECT row_no FROM import_staging s WHERE NOT EXISTS (SELECT 1 FROM product_lines l WHERE l.code = s.product_line_code)"),
            ImportChecks.OneOf("metal", "yellow_gold", "white_gold", "rose_gold"),
            ImportChecks.Karat(), ImportChecks.Positive("net_weight_g"), ImportChecks.NotNegative("stone_value"),
            ImportChecks.OneOf("making_charge_type", "per_gram", "percent"), ImportChecks.NotNegative("making_charge_value"),
            ImportChecks.NotNegative("unit_cost"), ImportChecks.Supplier(),
            ImportChecks.AtMost("net_weight_g", "100000"), ImportChecks.AtMost("stone_value", "1000000000"), ImportChecks.AtMost("making_charge_value", "99999999"),
            ImportChecks.AtMost("unit_cost", "1000000000"), ImportChecks.Decimals("net_weight_g", 3), ImportChecks.Decimals("stone_value", 2),
            ImportChecks.Decimals("making_charge_value", 4), ImportChecks.Decimals("unit_cost", 2),
            ImportChecks.UniqueInFile("sku", "SKU"),
        ],
        """
        WITH written AS (
            INSERT INTO products (sku, name, category, product_line_id, metal, karat, net_weight_g, stone_value, making_charge_type, making_charge_value, unit_cost, supplier_id)
            SELECT s.sku, s.name, s.category, l.id, coalesce(s.metal, 'yellow_gold'), s.karat, s.net_weight_g, coalesce(s.stone_value, 0),
                   s.making_charge_type, s.making_charge_value, s.unit_cost, x.id
              FROM import_staging s JOIN product_lines l ON l.code = s.product_line_code LEFT JOIN suppliers x ON x.code = s.supplier_code
            ON CONFLICT (sku) WHERE deleted_at IS NULL DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category, product_line_id = EXCLUDED.product_line_id,
                   metal = EXCLUDED.metal, karat = EXCLUDED.karat, net_weight_g = EXCLUDED.net_weight_g, stone_value = EXCLUDED.stone_value,
                   making_charge_type = EXCLUDED.making_charge_type, making_charge_value = EXCLUDED.making_charge_value, unit_cost = EXCLUDED.unit_cost, supplier_id = EXCLUDED.supplier_id
             WHERE (products.name, products.category, products.product_line_id, products.metal, products.karat, products.net_weight_g, products.stone_value,
                    products.making_charge_type, products.making_charge_value, products.unit_cost, products.supplier_id)
                   IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.category, EXCLUDED.product_line_id, EXCLUDED.metal, EXCLUDED.karat, EXCLUDED.net_weight_g, EXCLUDED.stone_value,
                    EXCLUDED.making_charge_type, EXCLUDED.making_charge_value, EXCLUDED.unit_cost, EXCLUDED.supplier_id)
            RETURNING 1)
        SELECT count(*) FROM written
        """,
        "SELECT NULL AS dates, NULL AS branches");
}
