using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GoldAnalytics.Infrastructure.Tests.Azure;

[Collection(BicepCollection.Name)]
public sealed partial class BicepTemplateTests(CompiledTemplate compiled)
{
    /// <summary>What the parameter file reads from the deploying shell, shaped as the template requires.</summary>
    private static readonly Dictionary<string, string> DeployEnvironment = new()
    {
        ["GA_AZURE_POSTGRES_PASSWORD"] = "only-for-compiling-the-parameter-file",
        ["GA_AZURE_WEBHOOK_SECRET_KEY"] = Convert.ToBase64String(new byte[32]),
    };

    public static TheoryData<string> BicepFiles()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(BicepCli.AzureFolder, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".bicep", StringComparison.Ordinal) || f.EndsWith(".bicepparam", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetRelativePath(BicepCli.AzureFolder, file));
        }

        return files;
    }

    [Fact]
    public void Main_template_builds_without_warnings_or_errors()
    {
        compiled.Build.Diagnostics.Should().BeEmpty(compiled.Build.Output);
        compiled.Build.ExitCode.Should().Be(0, compiled.Build.Output);
        compiled.Template["resources"].Should().NotBeNull();
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Every_bicep_file_lints_without_warnings_or_errors(string file)
    {
        var run = await BicepCli.RunAsync(["lint", file], DeployEnvironment);

        run.Diagnostics.Should().BeEmpty(run.Output);
        run.ExitCode.Should().Be(0, run.Output);
    }

    [Fact]
    public async Task Parameter_file_builds_against_the_template()
    {
        var file = Path.Combine(Path.GetTempPath(), $"goldanalytics-main-{Guid.NewGuid():N}.parameters.json");
        try
        {
            var run = await BicepCli.RunAsync(["build-params", "main.bicepparam", "--outfile", file], DeployEnvironment);

            run.Diagnostics.Should().BeEmpty(run.Output);
            run.ExitCode.Should().Be(0, run.Output);
            var parameters = JsonNode.Parse(await File.ReadAllTextAsync(file))!["parameters"]!.AsObject();
            parameters["postgresAdminPassword"]!["value"]!.GetValue<string>().Should().Be(DeployEnvironment["GA_AZURE_POSTGRES_PASSWORD"]);
            var shop = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(BicepCli.RepositoryRoot, "static-web", "public", "shop.json")))!;
            parameters["shopTimeZone"]!["value"]!.GetValue<string>().Should().Be(shop["timeZone"]!.GetValue<string>(), "timers and \"today\" follow the zone the dashboard shows");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Parameter_file_writes_no_secret_and_reads_each_from_the_environment()
    {
        var secure = compiled.Template["parameters"]!.AsObject()
            .Where(p => p.Value!["type"]!.GetValue<string>() is "securestring" or "secureObject")
            .Select(p => p.Key)
            .ToList();
        secure.Should().Contain(["postgresAdminPassword", "webhookSecretKey", "smtpPassword"]);

        var assignments = ParamAssignment().Matches(File.ReadAllText(Path.Combine(BicepCli.AzureFolder, "main.bicepparam")))
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value.Trim());
        foreach (var name in secure.Where(assignments.ContainsKey))
        {
            assignments[name].Should().MatchRegex(@"^(readEnvironmentVariable|az\.getSecret)\(", $"{name} is a secret and may only come from the environment or a key vault");
        }
    }

    [GeneratedRegex(@"^param\s+(?<name>\w+)\s*=\s*(?<value>.+)$", RegexOptions.Multiline)]
    private static partial Regex ParamAssignment();
}
