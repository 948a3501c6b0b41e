using System.Text.Json.Nodes;

namespace GoldAnalytics.Infrastructure.Tests.Azure;

/// <summary>main.bicep compiled once for the tests of the collection: the run and the ARM template it wrote.</summary>
public sealed class CompiledTemplate : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"goldanalytics-main-{Guid.NewGuid():N}.json");

    public BicepRun Build { get; private set; } = new(-1, "");

    /// <summary>The compiled template; throws when the build failed (the build test says why).</summary>
    public JsonObject Template => File.Exists(_file)
        ? JsonNode.Parse(File.ReadAllText(_file))!.AsObject()
        : throw new InvalidOperationException($"main.bicep did not compile:\n{Build.Output}");

    public async Task InitializeAsync() => Build = await BicepCli.RunAsync(["build", "main.bicep", "--outfile", _file]);

    public Task DisposeAsync()
    {
        File.Delete(_file);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class BicepCollection : ICollectionFixture<CompiledTemplate>
{
    public const string Name = "Bicep";
}
