namespace GoldAnalytics.Infrastructure.Tests.Azure;

[Collection(BicepCollection.Name)]
public sealed class AppSettingsTests(CompiledTemplate compiled)
{
    private DeployedAppSettings Deployed => DeployedAppSettings.From(compiled.Template);

    private static IEnumerable<string> Decided(InAzure decision) =>
        HostSettings.Decisions.Where(d => d.Value.InAzure == decision).Select(d => d.Key);

    [Fact]
    public void The_code_reads_the_settings_the_readme_names()
    {
        // Guards the scan itself: if it stopped finding settings, the tests below would pass on nothing.
        HostSettings.ReadByTheCode().Keys.Should().Contain(
            ["GA_DATABASE", "GA_BLOB_ENDPOINT", "GA_BLOB_ACCOUNT", "GA_BLOB_KEY", "GA_SMTP_HOST", "GA_SMTP_PORT", "GA_MAIL_FROM",
             "GA_WEBHOOK_SECRET_KEY", "GA_TIME_ZONE", "GA_STATIC_WEB", "GA_WEBHOOKS"]);
    }

    [Fact]
    public void Every_GA_setting_the_code_reads_has_a_decision_for_Azure()
    {
        var undecided = HostSettings.ReadByTheCode().Where(s => !HostSettings.Decisions.ContainsKey(s.Key)).Select(s => $"{s.Key} (read in {s.Value})");

        undecided.Should().BeEmpty("each setting the host reads is deployed, left at its default or self-hosted only (HostSettings.Decisions)");
    }

    [Fact]
    public void Every_setting_the_host_needs_in_Azure_is_an_app_setting_of_the_function_app()
    {
        var settings = Deployed;
        var missing = Decided(InAzure.Deployed).Where(setting => !settings.Declares(setting));

        missing.Should().BeEmpty($"functionapp.bicep declares {string.Join(", ", settings.Values.Keys)}");
    }

    [Fact]
    public void Every_GA_app_setting_is_one_the_code_reads()
    {
        var read = HostSettings.ReadByTheCode();
        var unknown = Deployed.Values.Keys.Where(n => n.StartsWith("GA_", StringComparison.Ordinal))
            .Where(n => !read.ContainsKey(n) && !read.ContainsKey(n.Split("__")[0]) && !HostSettings.DeployedBeyondTheCode.ContainsKey(n));

        unknown.Should().BeEmpty("an app setting no code reads is a misspelling or a setting that was removed");
    }

    [Fact]
    public void Self_hosted_settings_are_not_deployed()
    {
        var settings = Deployed;

        Decided(InAzure.SelfHostedOnly).Where(settings.Declares).Should().BeEmpty();
    }

    [Fact]
    public void Secrets_reach_the_app_only_as_Key_Vault_references()
    {
        var settings = Deployed;
        var secrets = HostSettings.Secrets.Where(settings.Values.ContainsKey).ToList();
        secrets.Should().Contain(["GA_DATABASE", "GA_BLOB_KEY", "GA_WEBHOOK_SECRET_KEY"]);

        secrets.Where(s => !settings.IsKeyVaultReference(s)).Should().BeEmpty("secrets live in Key Vault; app settings refer to them");
    }

    [Fact]
    public void Durable_Functions_use_the_scheduler_and_the_hub_host_json_names()
    {
        var settings = Deployed.Values;

        settings["AzureFunctionsJobHost__extensions__durableTask__storageProvider__type"].Should().Be("azureManaged");
        settings["AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName"].Should().Be("DURABLE_TASK_SCHEDULER_CONNECTION_STRING");
        settings.Should().ContainKey("DURABLE_TASK_SCHEDULER_CONNECTION_STRING");
        var hostJson = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(BicepCli.RepositoryRoot, "host.json")))!;
        var hub = hostJson["extensions"]!["durableTask"]!["hubName"]!.GetValue<string>();
        compiled.Template["variables"]!["taskHubName"]!.GetValue<string>().Should().Be(hub, "the scheduler's task hub is the one host.json names");
    }
}
