namespace GoldAnalytics.Runtime.Tests.Hosting;

/// <summary>A host serving a small built site (index.html and assets/app.js) from a folder of its own.</summary>
public abstract class StaticSiteHost(string hostJson = RuntimeHost.DefaultHostJson) : IAsyncLifetime
{
    private readonly RuntimeDatabase _database = new();
    private readonly string _site = Path.Combine(Path.GetTempPath(), "ga-site-" + Guid.NewGuid().ToString("N"));

    protected RuntimeHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_site, "assets"));
        await File.WriteAllTextAsync(Path.Combine(_site, "index.html"), "<html>dashboard</html>");
        await File.WriteAllTextAsync(Path.Combine(_site, "assets", "app.js"), "console.log('gold')");
        await _database.InitializeAsync();
        Host = await RuntimeHost.StartAsync(_database.ConnectionString, hostJson, builder => builder.Configuration["GA_STATIC_WEB"] = _site);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_site, recursive: true);
    }
}
