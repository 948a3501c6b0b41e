using System.Globalization;

namespace GoldAnalytics.Domain.Tests.Forecasting.M3;

/// <summary>A fixed, deterministic subset of the M3 competition series read from ../shared/data/m3.csv.</summary>
internal sealed record M3Series(string Id, string Period, int Frequency, double[] Train, double[] Test);

internal static class M3Subset
{
    /// <summary>Every k-th series of the file so that <paramref name="count"/> series are taken, all periods represented.</summary>
    public static IReadOnlyList<M3Series> Load(int count)
    {
        var path = DataFile("m3.csv");
        var rows = File.ReadLines(path).Skip(1).Select(line => line.Split(','))
            .GroupBy(f => f[0])
            .Select(g => new M3Series(g.Key, g.First()[2], int.Parse(g.First()[3], CultureInfo.InvariantCulture),
                [.. g.Where(f => f[7] == "train").OrderBy(f => int.Parse(f[8], CultureInfo.InvariantCulture)).Select(f => double.Parse(f[9], CultureInfo.InvariantCulture))],
                [.. g.Where(f => f[7] == "test").OrderBy(f => int.Parse(f[8], CultureInfo.InvariantCulture)).Select(f => double.Parse(f[9], CultureInfo.InvariantCulture))]))
            .ToList();
        var stride = (double)rows.Count / count;
        return [.. Enumerable.Range(0, count).Select(i => rows[(int)(i * stride)])];
    }

    /// <summary>../shared/data beside the repository: the folder holding GoldAnalytics.sln is found from the test's base directory.</summary>
    public static string DataFile(string name)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "GoldAnalytics.sln")))
        {
            folder = folder.Parent;
        }
        if (folder?.Parent is null)
        {
            throw new InvalidOperationException($"GoldAnalytics.sln not found above {AppContext.BaseDirectory}; the M3 accuracy test needs the repository layout.");
        }
        // A git worktree may sit deeper than the main checkout, so ../shared/data is looked for upwards from the root.
        for (var candidate = folder.Parent; candidate is not null; candidate = candidate.Parent)
        {
            var file = Path.Combine(candidate.FullName, "shared", "data", name);
            if (File.Exists(file))
            {
                return file;
            }
        }
        throw new InvalidOperationException($"The M3 data file {name} is missing: expected it in ../shared/data relative to {folder.FullName} (see shared/data/README.md).");
    }
}
