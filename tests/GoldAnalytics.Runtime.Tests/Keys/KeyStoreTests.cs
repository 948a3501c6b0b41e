using System.Security.Cryptography;
using System.Text;
using Dapper;
using GoldAnalytics.Runtime.Keys;
using Npgsql;

namespace GoldAnalytics.Runtime.Tests.Keys;

public sealed class KeyStoreTests : IAsyncLifetime
{
    private readonly RuntimeDatabase _database = new();
    private NpgsqlDataSource _source = null!;
    private KeyStore _store = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _source = NpgsqlDataSource.Create(_database.ConnectionString);
        _store = new KeyStore(_source);
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Stores_only_the_sha256_of_the_secret_and_its_prefix()
    {
        var created = await _store.CreateAsync("till 3", Role.Staff);

        await using var connection = await _source.OpenConnectionAsync();
        var row = await connection.QuerySingleAsync<(byte[] Hash, string Prefix, string Role)>(
            "SELECT secret_hash, prefix, role FROM runtime.function_keys WHERE id = @id", new { id = created.Key.Id });
        row.Hash.Should().Equal(SHA256.HashData(Encoding.UTF8.GetBytes(created.Secret)));
        row.Prefix.Should().Be(created.Secret[..10]);
        row.Role.Should().Be("staff");
        var everything = await connection.QuerySingleAsync<string>("SELECT string_agg(t::text, '') FROM runtime.function_keys t");
        everything.Should().NotContain(created.Secret[10..]);
    }

    [Fact]
    public async Task Secrets_are_32_random_bytes_and_never_repeat()
    {
        var secrets = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => _store.CreateAsync($"k{i}", Role.Viewer)));

        secrets.Select(s => s.Secret).Should().OnlyHaveUniqueItems().And.AllSatisfy(s => KeySecret.IsWellFormed(s).Should().BeTrue());
        secrets[0].Secret.Should().HaveLength(3 + 43);
    }

    [Fact]
    public async Task Finds_active_keys_by_hash_and_not_revoked_ones()
    {
        var created = await _store.CreateAsync("dashboard", Role.Viewer);

        (await _store.FindActiveAsync(KeySecret.Hash(created.Secret)))!.Name.Should().Be("dashboard");
        await _store.RevokeAsync(created.Key.Id);
        (await _store.FindActiveAsync(KeySecret.Hash(created.Secret))).Should().BeNull();
    }

    [Fact]
    public async Task Bootstrap_revokes_the_keys_of_that_name_and_makes_a_fresh_admin_key()
    {
        var first = await _store.BootstrapAsync("dev-admin");
        var second = await _store.BootstrapAsync("dev-admin");

        (await _store.FindActiveAsync(KeySecret.Hash(first.Secret))).Should().BeNull();
        (await _store.FindActiveAsync(KeySecret.Hash(second.Secret)))!.Role.Should().Be(Role.Admin);
        var all = await _store.ListAsync(includeRevoked: true);
        all.Where(k => k.Name == "dev-admin").Should().HaveCount(2).And.ContainSingle(k => k.RevokedAt == null);
    }

    [Fact]
    public async Task Listing_hides_revoked_keys_unless_asked()
    {
        var kept = await _store.CreateAsync("kept", Role.Analyst);
        var gone = await _store.CreateAsync("gone", Role.Analyst);
        await _store.RevokeAsync(gone.Key.Id);

        (await _store.ListAsync(includeRevoked: false)).Select(k => k.Id).Should().Contain(kept.Key.Id).And.NotContain(gone.Key.Id);
        (await _store.ListAsync(includeRevoked: true)).Select(k => k.Id).Should().Contain(gone.Key.Id);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_returns_nothing()
    {
        (await _store.RevokeAsync(Guid.NewGuid())).Should().BeNull();
    }
}
