using System.Globalization;

namespace GoldAnalytics.Benchmarks.Kpis;

/// <summary>The machine's one-minute load average (as <c>uptime</c> prints it), noted next to every figure.</summary>
internal static class SystemLoad
{
    public static string Now()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Create(CultureInfo.InvariantCulture, $"load {fields[0]} {fields[1]} {fields[2]}");
        }
        catch (IOException)
        {
            return "load n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "load n/a";
        }
    }
}
