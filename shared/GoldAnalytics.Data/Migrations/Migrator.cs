using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GoldAnalytics.Data.Migrations;

/// <summary>A named, ordered set of SQL migrations embedded in an assembly as <c>NNNN_description.sql</c>.</summary>
public sealed record MigrationSet(string Name, Assembly Assembly, string ResourceFolder)
{
    /// <summary>The shop's own schema: the domain tables.</summary>
    public static MigrationSet Shop { get; } = new("shop", typeof(Migrator).Assembly, "Migrations.Shop");

    /// <summary>The last version applied; later ones wait for a set without the limit (null: all).</summary>
    public int? LastVersion { get; init; }

    /// <summary>The set as it stood at <paramref name="version"/>: a database to store rows in before the later migrations meet them.</summary>
    public MigrationSet UpTo(int version) => this with { LastVersion = version };

    internal IReadOnlyList<Migration> Load()
    {
        var prefix = $"{Assembly.GetName().Name}.{ResourceFolder}.";
        var migrations = new List<Migration>();
        foreach (var resource in Assembly.GetManifestResourceNames().Where(r => r.StartsWith(prefix, StringComparison.Ordinal) && r.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var fileName = resource[prefix.Length..];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(fileName[..separator], out var version))
            {
                throw new InvalidOperationException($"Migration '{fileName}' in set '{Name}' must be named NNNN_description.sql.");
            }

            using var stream = Assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            migrations.Add(new Migration(version, fileName, reader.ReadToEnd()));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Migration set '{Name}' has two migrations numbered {duplicate.Key}.");
        }

        return [.. migrations.Where(m => m.Version <= (LastVersion ?? int.MaxValue)).OrderBy(m => m.Version)];
    }
}

internal sealed record Migration(int Version, string FileName, string Sql)
{
    public string Checksum { get; } = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));
}

/// <summary>Applies migration sets in order, once each, under an advisory lock so concurrent hosts never race.</summary>
public sealed class Migrator(string connectionString, ILogger? logger = null)
{
    // Arbitrary but fixed: every GoldAnalytics process takes the same lock.
    private const long AdvisoryLockKey = 0x601D_A7A1_0001;
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Applies what has not run yet; returns the file names applied in this call.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(IEnumerable<MigrationSet> sets, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = AdvisoryLockKey }, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(CreateHistoryTable, cancellationToken: cancellationToken));
            var applied = new List<string>();
            foreach (var set in sets)
            {
                applied.AddRange(await ApplySetAsync(connection, set, cancellationToken));
            }

            return applied;
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = AdvisoryLockKey });
        }
    }

    private async Task<List<string>> ApplySetAsync(NpgsqlConnection connection, MigrationSet set, CancellationToken cancellationToken)
    {
        var done = (await connection.QueryAsync<(int Version, string Checksum)>(new CommandDefinition(
            "SELECT version, checksum FROM schema_migrations WHERE migration_set = @set", new { set = set.Name }, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.Version, r => r.Checksum);

        var applied = new List<string>();
        foreach (var migration in set.Load())
        {
            if (done.TryGetValue(migration.Version, out var checksum))
            {
                if (checksum != migration.Checksum)
                {
                    throw new InvalidOperationException(
                        $"Migration {set.Name}/{migration.FileName} was changed after it was applied. Add a new migration instead of editing an applied one.");
                }

                continue;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken, commandTimeout: 0));
            await connection.ExecuteAsync(new CommandDefinition(RecordMigration,
                new { set = set.Name, version = migration.Version, name = migration.FileName, checksum = migration.Checksum },
                transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            _logger.LogInformation("Applied migration {Set}/{Migration}", set.Name, migration.FileName);
            applied.Add($"{set.Name}/{migration.FileName}");
        }

        return applied;
    }

    private const string CreateHistoryTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            migration_set text NOT NULL,
            version int NOT NULL,
            name text NOT NULL,
            checksum text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (migration_set, version)
        )
        """;

    private const string RecordMigration = """
        INSERT INTO schema_migrations (migration_set, version, name, checksum)
        VALUES (@set, @version, @name, @checksum)
        """;
}
