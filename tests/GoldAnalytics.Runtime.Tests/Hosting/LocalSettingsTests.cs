using System.Net;

namespace GoldAnalytics.Runtime.Tests.Hosting;

public sealed class LocalSettingsTests : IAsyncLifetime
{
    private readonly RuntimeDatabase _database = new();
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"ga-local-{Guid.NewGuid():N}.json");

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        File.Delete(_file);
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Values_of_local_settings_act_as_environment_variables()
    {
        await File.WriteAllTextAsync(_file, $$"""
            {
              "IsEncrypted": false,
              "Values": {
                "GA_DATABASE": "{{_database.ConnectionString}}",
                "GA_HOST__extensions__http__routePrefix": "local"
              }
            }
            """);

        await using var host = await RuntimeHost.StartAsync(
            "",
            configure: builder => builder.Configuration["GA_DATABASE"] = null,
            runtime: options => options.LocalSettingsPath = _file);

        (await host.Client.GetAsync("/local/ping")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await host.Client.GetAsync($"/local/items/1?code={await host.KeyAsync(Runtime.Keys.Role.Viewer)}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_malformed_local_settings_file_stops_start_up_naming_it()
    {
        await File.WriteAllTextAsync(_file, "{ \"Values\": ");

        var act = () => RuntimeHost.StartAsync(_database.ConnectionString, runtime: options => options.LocalSettingsPath = _file);

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain(_file);
    }
}
