using GoldAnalytics.Runtime.Hosting;
using GoldAnalytics.Runtime.Invocation;
using GoldAnalytics.Runtime.Keys;

namespace GoldAnalytics.Runtime.Tests.Invocation;

public sealed class BindingConverterTests
{
    private static readonly string[] OneAndTwo = ["1", "2"];
    private static readonly int[] Numbers = [1, 2];

    [Theory]
    [InlineData("42", typeof(int), 42)]
    [InlineData("-7", typeof(long), -7L)]
    [InlineData("true", typeof(bool), true)]
    [InlineData("analyst", typeof(Role), Role.Analyst)]
    [InlineData("Manager", typeof(Role), Role.Manager)]
    public void Converts_text_to_simple_types(string text, Type type, object expected)
    {
        BindingConverter.TryConvert(text, type, FunctionJson.Options, out var value, out _).Should().BeTrue();

        value.Should().Be(expected);
    }

    [Fact]
    public void Converts_text_to_decimals_dates_and_ids_with_the_invariant_culture()
    {
        BindingConverter.TryConvert("1234.56", typeof(decimal), FunctionJson.Options, out var money, out _).Should().BeTrue();
        BindingConverter.TryConvert("2026-03-31", typeof(DateOnly?), FunctionJson.Options, out var day, out _).Should().BeTrue();
        BindingConverter.TryConvert("6f9619ff-8b86-d011-b42d-00cf4fc964ff", typeof(Guid), FunctionJson.Options, out var id, out _).Should().BeTrue();

        money.Should().Be(1234.56m);
        day.Should().Be(new DateOnly(2026, 3, 31));
        id.Should().Be(Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"));
    }

    [Theory]
    [InlineData("12abc", typeof(int))]
    [InlineData("99999999999", typeof(int))]
    [InlineData("1", typeof(Role))]
    [InlineData("owner", typeof(Role))]
    [InlineData("staff,analyst", typeof(Role))]
    [InlineData("viewer,admin", typeof(Role))]
    [InlineData(" admin", typeof(Role))]
    [InlineData("admin ", typeof(Role))]
    [InlineData("-1", typeof(Role))]
    [InlineData("31/03/2026", typeof(DateOnly))]
    [InlineData("NaN", typeof(double))]
    [InlineData("not-a-guid", typeof(Guid))]
    public void Rejects_text_that_is_not_a_value_of_the_type_and_says_what_was_expected(string text, Type type)
    {
        BindingConverter.TryConvert(text, type, FunctionJson.Options, out _, out var error).Should().BeFalse();

        error.Should().StartWith("expected ");
    }

    [Fact]
    public void Repeated_values_bind_to_arrays_but_not_to_single_values()
    {
        BindingConverter.TryConvert(OneAndTwo, typeof(int[]), FunctionJson.Options, out var many, out _).Should().BeTrue();
        BindingConverter.TryConvert(OneAndTwo, typeof(int), FunctionJson.Options, out _, out var error).Should().BeFalse();

        many.Should().BeEquivalentTo(Numbers);
        error.Should().Contain("single value");
    }
}
