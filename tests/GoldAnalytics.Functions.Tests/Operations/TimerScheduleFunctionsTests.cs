using System.Net;
using System.Text.Json;
using Dapper;
using GoldAnalytics.Runtime.Keys;
using Npgsql;

namespace GoldAnalytics.Functions.Tests.Operations;

public sealed class TimerScheduleFunctionsTests(FunctionAppHost host) : IClassFixture<FunctionAppHost>
{
    [Fact]
    public async Task A_viewer_sees_each_timer_with_its_last_and_next_run_and_last_error()
    {
        await using (var connection = new NpgsqlConnection(host.ConnectionString))
        {
            await connection.ExecuteAsync("""
                INSERT INTO runtime.timer_schedules (function_name, schedule, last_slot, next_slot, last_started_at, last_completed_at, last_duration_ms, last_error)
                VALUES ('NightlyReports', '0 0 2 * * *', '2026-11-20T22:00:00Z', '2026-11-21T22:00:00Z', '2026-11-20T22:00:01Z', '2026-11-20T22:00:05Z', 4200, 'mail server refused the message')
                ON CONFLICT (function_name) DO NOTHING
                """);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/operations/timers");
        request.Headers.Add("x-functions-key", await host.KeyAsync(Role.Viewer));
        using var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var timers = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var nightly = timers.EnumerateArray().Single(t => t.GetProperty("functionName").GetString() == "NightlyReports");
        nightly.GetProperty("schedule").GetString().Should().Be("0 0 2 * * *");
        nightly.GetProperty("last").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 11, 20, 22, 0, 0, TimeSpan.Zero));
        nightly.GetProperty("next").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 11, 21, 22, 0, 0, TimeSpan.Zero));
        nightly.GetProperty("isRunning").GetBoolean().Should().BeFalse();
        nightly.GetProperty("lastError").GetString().Should().Be("mail server refused the message");
    }
}
