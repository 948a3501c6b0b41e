using System.Text;
using GoldAnalytics.Runtime.Durable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoldAnalytics.Runtime.Tests.Durable;

public sealed class DurableTaskOptionsTests
{
    [Fact]
    public void Settings_are_read_from_host_json_extensions_durable_task()
    {
        const string hostJson = """
            { "version": "2.0", "extensions": { "durableTask": {
                "maxConcurrentOrchestratorFunctions": 40, "maxConcurrentActivityFunctions": 12,
                "activityLease": "00:00:45", "completedInstanceRetention": "7.00:00:00", "extendedSessionsEnabled": false } } }
            """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(hostJson))).Build();
        var services = new ServiceCollection().AddDurableTask(configuration, o => o.ConnectionString = "Host=db").BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<DurableTaskOptions>>().Value;

        options.MaxConcurrentOrchestratorFunctions.Should().Be(40);
        options.MaxConcurrentActivityFunctions.Should().Be(12);
        options.ActivityLease.Should().Be(TimeSpan.FromSeconds(45));
        options.CompletedInstanceRetention.Should().Be(TimeSpan.FromDays(7));
        options.ExtendedSessionsEnabled.Should().BeFalse();
        options.ConnectionString.Should().Be("Host=db");
    }
}
