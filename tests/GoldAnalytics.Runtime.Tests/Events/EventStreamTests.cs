using GoldAnalytics.Runtime.Events;
using GoldAnalytics.Runtime.Hosting;

namespace GoldAnalytics.Runtime.Tests.Events;

public sealed class EventStreamTests
{
    [Fact]
    public async Task Subscribers_receive_published_events_with_increasing_ids_and_json_data()
    {
        var stream = new EventStream(FunctionJson.Options);
        using var subscription = stream.Subscribe(null);

        stream.Publish("kpi.updated", new { Branch = "Dubai Mall", Revenue = 1250.5m });
        stream.Publish("sale.created", new { Invoice = 7 });

        var first = await subscription.Live.ReadAsync();
        var second = await subscription.Live.ReadAsync();
        first.Should().Be(new ServerEvent(1, "kpi.updated", """{"branch":"Dubai Mall","revenue":1250.5}"""));
        second.Id.Should().Be(2);
    }

    [Fact]
    public void A_reconnecting_client_gets_the_events_after_its_last_id_from_the_ring_buffer()
    {
        var stream = new EventStream(FunctionJson.Options, capacity: 3);
        for (var i = 1; i <= 5; i++)
        {
            stream.Publish("tick", i);
        }

        using var subscription = stream.Subscribe(lastEventId: 3);
        using var tooOld = stream.Subscribe(lastEventId: 0);

        subscription.Backlog.Select(e => e.Id).Should().Equal(4, 5);
        tooOld.Backlog.Select(e => e.Id).Should().Equal(3, 4, 5);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("new\nline")]
    [InlineData("with space")]
    public void Event_names_that_would_break_the_stream_format_are_refused(string name)
    {
        var act = () => new EventStream(FunctionJson.Options).Publish(name, null);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task A_disposed_subscription_receives_nothing_more()
    {
        var stream = new EventStream(FunctionJson.Options);
        var subscription = stream.Subscribe(null);
        subscription.Dispose();

        stream.Publish("tick", 1);

        (await subscription.Live.WaitToReadAsync()).Should().BeFalse();
    }
}
