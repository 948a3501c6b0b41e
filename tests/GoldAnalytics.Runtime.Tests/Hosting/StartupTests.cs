using GoldAnalytics.Runtime.Hosting;

namespace GoldAnalytics.Runtime.Tests.Hosting;

public sealed class StartupTests
{
    [Fact]
    public async Task An_invalid_host_json_stops_the_host_before_it_starts_naming_the_setting()
    {
        var act = () => RuntimeHost.StartAsync("Host=127.0.0.1;Port=1", """{ "version": "2.0", "extensions": { "http": { "routePrefix": 5 } } }""");

        (await act.Should().ThrowAsync<HostSettingsException>()).Which.Message.Should().Contain("extensions.http.routePrefix: must be a string");
    }

    [Fact]
    public async Task Host_settings_can_be_overridden_from_the_environment_at_start()
    {
        var act = () => RuntimeHost.StartAsync(
            "Host=127.0.0.1;Port=1",
            configure: builder => builder.Configuration["GA_HOST:extensions:blobs:maxDequeueCount"] = "0");

        (await act.Should().ThrowAsync<HostSettingsException>()).Which.Message.Should().Contain("extensions.blobs.maxDequeueCount");
    }
}
