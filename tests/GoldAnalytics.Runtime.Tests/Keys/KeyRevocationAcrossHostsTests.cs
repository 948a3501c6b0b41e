using System.Diagnostics;
using System.Net;
using System.Text;
using Dapper;
using GoldAnalytics.Runtime.Keys;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GoldAnalytics.Runtime.Tests.Keys;

/// <summary>Two hosts on one database, each with its own key cache: a key revoked through one must stop working on the other.</summary>
public sealed class KeyRevocationAcrossHostsTests : IAsyncLifetime
{
    private static readonly TimeSpan Notice = TimeSpan.FromSeconds(2);

    private readonly RuntimeDatabase _database = new();
    private RuntimeHost _revoking = null!;
    private RuntimeHost _serving = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _revoking = await RuntimeHost.StartAsync(_database.ConnectionString);
        _serving = await RuntimeHost.StartAsync(_database.ConnectionString);
        await ListeningHostsAsync(2);
    }

    public async Task DisposeAsync()
    {
        await _serving.DisposeAsync();
        await _revoking.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_key_revoked_on_one_host_is_rejected_by_another_long_before_its_cached_lookup_expires()
    {
        var key = await _revoking.Services.GetRequiredService<KeyStore>().CreateAsync("till-1", Role.Viewer);
        await ShouldServeAsync(key.Secret);

        await _revoking.Services.GetRequiredService<KeyStore>().RevokeAsync(key.Key.Id);
        var rejectedAfter = await TimeUntilRejectedAsync(key.Secret);

        rejectedAfter.Should().BeLessThan(Notice, "the revocation is announced to every host, not left to the {0} cache period", KeyAuthenticator.CacheFor);
    }

    [Fact]
    public async Task A_cached_key_still_gets_403_for_a_function_above_its_role()
    {
        var key = await _revoking.Services.GetRequiredService<KeyStore>().CreateAsync("viewer", Role.Viewer);
        await ShouldServeAsync(key.Secret);

        var response = await _serving.Client.SendAsync(RuntimeHost.Request(HttpMethod.Post, "/api/quotes", key.Secret,
            new StringContent("""{ "grams": 1, "karat": 18 }""", Encoding.UTF8, "application/json")));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden_role");
    }

    [Fact]
    public async Task Without_the_notice_a_revoked_key_stops_working_within_the_cache_period()
    {
        var key = await _revoking.Services.GetRequiredService<KeyStore>().CreateAsync("till-2", Role.Viewer);
        await ShouldServeAsync(key.Secret);

        await SetNoticesAsync(enabled: false);
        try
        {
            await _revoking.Services.GetRequiredService<KeyStore>().RevokeAsync(key.Key.Id);
            var rejectedAfter = await TimeUntilRejectedAsync(key.Secret);

            rejectedAfter.Should().BeLessThan(KeyAuthenticator.CacheFor + TimeSpan.FromSeconds(1));
        }
        finally
        {
            await SetNoticesAsync(enabled: true);
        }
    }

    [Fact]
    public async Task A_host_that_lost_its_notice_connection_forgets_every_cached_key_when_it_reconnects()
    {
        var key = await _revoking.Services.GetRequiredService<KeyStore>().CreateAsync("till-3", Role.Viewer);
        await ShouldServeAsync(key.Secret);
        var cachedAt = Stopwatch.StartNew();

        await SetNoticesAsync(enabled: false);
        try
        {
            await _revoking.Services.GetRequiredService<KeyStore>().RevokeAsync(key.Key.Id);
            await ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN function_keys_changed'");
            await TimeUntilRejectedAsync(key.Secret);

            cachedAt.Elapsed.Should().BeLessThan(KeyAuthenticator.CacheFor, "the reconnected listener forgot the cached lookup; its period had not run out");
        }
        finally
        {
            await SetNoticesAsync(enabled: true);
        }
    }

    private async Task ShouldServeAsync(string secret) =>
        (await _serving.Client.SendAsync(RuntimeHost.Request(HttpMethod.Get, "/api/items/1", secret))).StatusCode.Should().Be(HttpStatusCode.OK);

    private async Task<TimeSpan> TimeUntilRejectedAsync(string secret)
    {
        var watch = Stopwatch.StartNew();
        HttpResponseMessage response;
        do
        {
            response = await _serving.Client.SendAsync(RuntimeHost.Request(HttpMethod.Get, "/api/items/1", secret));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                await Task.Delay(25);
            }
        }
        while (response.StatusCode == HttpStatusCode.OK && watch.Elapsed < TimeSpan.FromSeconds(15));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_key");
        return watch.Elapsed;
    }

    // Hosts start listening in the background: revoking before both listen would test nothing.
    private async Task ListeningHostsAsync(int hosts)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        var watch = Stopwatch.StartNew();
        while (await connection.ExecuteScalarAsync<int>(ListenersSql) < hosts)
        {
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "every host listens for changed keys once started");
            await Task.Delay(50);
        }
    }

    private const string ListenersSql = "SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN function_keys_changed'";

    private Task SetNoticesAsync(bool enabled) =>
        ExecuteAsync($"ALTER TABLE runtime.function_keys {(enabled ? "ENABLE" : "DISABLE")} TRIGGER function_keys_changed");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.ExecuteAsync(sql);
    }
}
