using System.Diagnostics;
using System.Text.Json;
using GoldAnalytics.Runtime.Catalogue;
using GoldAnalytics.Runtime.Hosting;
using GoldAnalytics.Runtime.Invocation;
using GoldAnalytics.Runtime.Tests.Samples;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoldAnalytics.Runtime.Tests.Invocation;

public sealed class FunctionInvokerTests : IDisposable
{
    private static readonly string[] TwoItems = ["ring", "chain"];
    private readonly CapturingLoggerProvider _logs = new();

    private FunctionInvoker Invoker(TimeSpan? timeout = null)
    {
        var services = new ServiceCollection()
            .AddSingleton<GoldRates>()
            .AddSingleton<DisposalLog>()
            .AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace))
            .BuildServiceProvider();
        return new FunctionInvoker(
            FunctionCatalogue.Discover(typeof(InvocationSamples).Assembly),
            services.GetRequiredService<IServiceScopeFactory>(),
            services.GetRequiredService<ILoggerFactory>(),
            new InvocationOptions(timeout ?? TimeSpan.FromMinutes(1), FunctionJson.Options));
    }

    private static FunctionInvocation Call(string name, object? trigger, params (string Key, object? Value)[] data) =>
        new(name, trigger, data.ToDictionary(d => d.Key, d => d.Value));

    [Fact]
    public async Task Creates_the_declaring_type_through_dependency_injection_and_awaits_its_task()
    {
        var result = await Invoker().DispatchAsync(Call("ValueOfGold", 10m, ("karat", "18")), CancellationToken.None);

        result.Should().Be(10m * 60m * 18m / 24m);
    }

    [Fact]
    public async Task Calls_static_methods_and_uses_parameter_defaults_when_nothing_is_bound()
    {
        var invoker = Invoker();

        (await invoker.DispatchAsync(Call("Echo", "gold"), CancellationToken.None)).Should().Be("gold!");
        (await invoker.DispatchAsync(Call("Echo", "gold", ("suffix", "?")), CancellationToken.None)).Should().Be("gold?");
    }

    [Fact]
    public async Task Awaits_value_tasks_and_returns_null_for_void()
    {
        var invoker = Invoker();

        (await invoker.DispatchAsync(Call("CountItems", TwoItems), CancellationToken.None)).Should().Be(2);
        (await invoker.DispatchAsync(Call("DoNothing", null), CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Text_that_does_not_convert_to_the_parameter_type_fails_naming_the_parameter()
    {
        var act = () => Invoker().DispatchAsync(Call("ValueOfGold", 10m, ("karat", "eighteen")), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<FunctionBindingException>()).Which;
        failure.Parameter.Should().Be("karat");
        failure.Code.Should().Be(BindingErrorCodes.WrongType);
        failure.Message.Should().Contain("integer").And.Contain("eighteen");
    }

    [Fact]
    public async Task A_required_parameter_without_a_value_fails_as_missing()
    {
        var act = () => Invoker().DispatchAsync(Call("ValueOfGold", 10m), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<FunctionBindingException>()).Which;
        failure.Parameter.Should().Be("karat");
        failure.Code.Should().Be(BindingErrorCodes.MissingField);
    }

    [Fact]
    public async Task Gives_the_function_a_context_with_its_name_and_the_invocation_id()
    {
        var result = await Invoker().DispatchAsync(Call("WhoAmI", null) with { InvocationId = "inv-42" }, CancellationToken.None);

        result.Should().Be("WhoAmI|inv-42");
    }

    [Fact]
    public async Task Makes_up_an_invocation_id_when_the_source_gives_none()
    {
        var result = (string?)await Invoker().DispatchAsync(Call("WhoAmI", null), CancellationToken.None);

        Guid.TryParse(result!.Split('|')[1], out _).Should().BeTrue();
    }

    [Fact]
    public async Task Logs_start_and_end_with_the_invocation_id_and_duration()
    {
        await Invoker().DispatchAsync(Call("Echo", "x") with { InvocationId = "inv-7" }, CancellationToken.None);

        var lines = _logs.Lines.Where(l => l.Category == "Function.Echo").Select(l => l.Message).ToList();
        lines.Should().HaveCount(2);
        lines[0].Should().Be("Executing 'Functions.Echo' (Id=inv-7)");
        lines[1].Should().StartWith("Executed 'Functions.Echo' (Succeeded, Id=inv-7, Duration=").And.EndWith("ms)");
    }

    [Fact]
    public async Task A_function_that_ignores_cancellation_is_cut_off_at_the_function_timeout()
    {
        var started = Stopwatch.StartNew();
        var act = () => Invoker(TimeSpan.FromMilliseconds(200)).DispatchAsync(Call("IgnoresCancellation", null), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<FunctionTimeoutException>()).Which;
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
        failure.FunctionName.Should().Be("IgnoresCancellation");
        _logs.Lines.Should().Contain(l => l.Message.StartsWith("Executed 'Functions.IgnoresCancellation' (TimedOut", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_function_observing_its_token_is_cancelled_at_the_function_timeout()
    {
        var act = () => Invoker(TimeSpan.FromMilliseconds(100)).DispatchAsync(Call("ObservesCancellation", null), CancellationToken.None);

        await act.Should().ThrowAsync<FunctionTimeoutException>();
    }

    [Fact]
    public async Task A_function_already_cancelled_by_its_timeout_when_first_awaited_is_reported_as_timed_out()
    {
        var act = () => Invoker(TimeSpan.FromMilliseconds(100)).DispatchAsync(Call("ObservesCancellationAfterBusyStart", null), CancellationToken.None);

        await act.Should().ThrowAsync<FunctionTimeoutException>();
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_reported_as_a_timeout()
    {
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var act = () => Invoker(TimeSpan.FromMinutes(1)).DispatchAsync(Call("ObservesCancellation", null), caller.Token);

        (await act.Should().ThrowAsync<OperationCanceledException>()).Which.Should().NotBeOfType<FunctionTimeoutException>();
    }

    [Fact]
    public async Task Exceptions_of_the_function_reach_the_caller_unwrapped_and_are_logged_as_failed()
    {
        var act = () => Invoker().DispatchAsync(Call("Fails", "no stock"), CancellationToken.None);

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("no stock");
        _logs.Lines.Should().Contain(l => l.Message.StartsWith("Executed 'Functions.Fails' (Failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_json_trigger_value_is_deserialised_into_the_parameter_record()
    {
        var json = JsonSerializer.SerializeToElement(new { sku = "R-22-001", grams = 4.5m, karat = 22 });

        var result = await Invoker().DispatchAsync(Call("ReceiveConsignment", json), CancellationToken.None);

        result.Should().Be(new Consignment("R-22-001", 4.5m, 22));
    }

    [Fact]
    public async Task An_object_of_another_type_is_reshaped_through_json()
    {
        var result = await Invoker().DispatchAsync(Call("ReceiveConsignment", new { Sku = "B-24-10", Grams = 10m, Karat = 24 }), CancellationToken.None);

        result.Should().Be(new Consignment("B-24-10", 10m, 24));
    }

    [Fact]
    public async Task Disposes_the_function_instance_after_the_call()
    {
        var invoker = Invoker();

        await invoker.DispatchAsync(Call("CountDisposals", null), CancellationToken.None);
        var afterOne = await invoker.DispatchAsync(Call("CountDisposals", null), CancellationToken.None);

        afterOne.Should().Be(1);
    }

    [Fact]
    public async Task An_unknown_function_name_is_reported_as_such()
    {
        var act = () => Invoker().DispatchAsync(Call("NoSuchFunction", null), CancellationToken.None);

        await act.Should().ThrowAsync<FunctionNotFoundException>().WithMessage("*NoSuchFunction*");
    }

    public void Dispose() => _logs.Dispose();
}
