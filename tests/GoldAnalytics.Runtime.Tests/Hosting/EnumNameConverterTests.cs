using System.Text.Json;
using GoldAnalytics.Runtime.Hosting;
using GoldAnalytics.Runtime.Keys;

namespace GoldAnalytics.Runtime.Tests.Hosting;

public sealed class EnumNameConverterTests
{
    [Flags]
    public enum Access
    {
        None = 0,
        Read = 1,
        Write = 2,
    }

    [Theory]
    [InlineData("\"staff,analyst\"")]
    [InlineData("\"viewer, admin\"")]
    [InlineData("\" admin\"")]
    [InlineData("\"3\"")]
    [InlineData("3")]
    [InlineData("\"\"")]
    public void The_function_json_reads_an_enum_only_as_one_of_its_names(string json)
    {
        FluentActions.Invoking(() => JsonSerializer.Deserialize<Role>(json, FunctionJson.Options)).Should().Throw<JsonException>();
    }

    [Fact]
    public void Enums_are_written_in_camel_case_and_read_back_in_any_case_also_as_dictionary_keys()
    {
        var written = JsonSerializer.Serialize(new Dictionary<Role, Role> { [Role.Manager] = Role.Admin }, FunctionJson.Options);

        written.Should().Be("""{"manager":"admin"}""");
        JsonSerializer.Deserialize<Dictionary<Role, Role>>("""{"MANAGER":"Admin"}""", FunctionJson.Options).Should().Equal(new Dictionary<Role, Role> { [Role.Manager] = Role.Admin });
        FluentActions.Invoking(() => JsonSerializer.Deserialize<Dictionary<Role, int>>("""{"staff,admin":1}""", FunctionJson.Options)).Should().Throw<JsonException>();
    }

    [Fact]
    public void A_value_that_is_no_member_is_not_written_as_a_number()
    {
        FluentActions.Invoking(() => JsonSerializer.Serialize((Role)42, FunctionJson.Options)).Should().Throw<JsonException>();
    }

    [Fact]
    public void A_flags_enum_keeps_its_lists_of_names()
    {
        var written = JsonSerializer.Serialize(Access.Read | Access.Write, FunctionJson.Options);

        JsonSerializer.Deserialize<Access>(written, FunctionJson.Options).Should().Be(Access.Read | Access.Write);
    }
}
