using Dapper;
using GoldAnalytics.Data.Customers;
using GoldAnalytics.Data.Entry;
using Npgsql;

namespace GoldAnalytics.Data.Catalogue;

/// <summary>A product as the entry screens show it.</summary>
public sealed record ProductView(int Id, string Sku, string Name, string Category, int ProductLineId, string Metal, short Karat, decimal NetWeightG,
    decimal StoneValue, string MakingChargeType, decimal MakingChargeValue, decimal UnitCost, int? SupplierId, DateTime UpdatedAt);

/// <summary>Reads products: by id and the autocomplete (SKU or name prefix, then similar names).</summary>
public sealed class ProductQueries(NpgsqlDataSource dataSource)
{
    private const string FindSql = """
        SELECT id, sku, name, category, product_line_id AS ProductLineId, metal, karat, net_weight_g AS NetWeightG, stone_value AS StoneValue,
               making_charge_type AS MakingChargeType, making_charge_value AS MakingChargeValue, unit_cost AS UnitCost, supplier_id AS SupplierId, updated_at AS UpdatedAt
          FROM products WHERE id = @id AND deleted_at IS NULL
        """;

    /// <summary>The live product with this id, or null.</summary>
    public async Task<ProductView?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ProductView>(new CommandDefinition(FindSql, new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>The live product with this id as the write sees it (its own change included), or null.</summary>
    public static Task<ProductView?> FindAsync(ShopWrite write, int id, CancellationToken cancellationToken) =>
        write.SingleAsync<ProductView>(FindSql, new { id }, cancellationToken);

    /// <summary>Up to <paramref name="limit"/> live products matching the text: prefixes first, then the most similar names.</summary>
    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(string text, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<Suggestion>(new CommandDefinition(Autocomplete.Sql("products", "sku", null), Autocomplete.Parameters(text, limit), cancellationToken: cancellationToken))];
    }
}
