using GoldAnalytics.Runtime.Keys;

namespace GoldAnalytics.Runtime.Tests.Keys;

public sealed class RoleNamesTests
{
    [Theory]
    [InlineData("staff,analyst")]
    [InlineData("viewer,admin")]
    [InlineData(" admin")]
    [InlineData("admin\t")]
    [InlineData("4")]
    [InlineData("")]
    [InlineData(null)]
    public void Only_a_single_role_name_parses(string? name)
    {
        RoleNames.TryParse(name, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("admin", Role.Admin)]
    [InlineData("Manager", Role.Manager)]
    [InlineData("VIEWER", Role.Viewer)]
    public void A_role_name_parses_in_any_letter_case(string name, Role role)
    {
        RoleNames.TryParse(name, out var parsed).Should().BeTrue();

        parsed.Should().Be(role);
    }
}
