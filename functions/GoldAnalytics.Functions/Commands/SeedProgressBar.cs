using System.Diagnostics;
using GoldAnalytics.Data.DemoData.Loading;

namespace GoldAnalytics.Functions.Commands;

/// <summary>
/// Shows a load's progress on stderr: a redrawn bar on a terminal, a plain line every few seconds
/// when stderr goes to a log.
/// </summary>
internal sealed class SeedProgressBar(TextWriter output) : IProgress<LoadProgress>
{
    private const int Width = 30;
    private readonly bool _terminal = ReferenceEquals(output, Console.Error) && !Console.IsErrorRedirected;
    private readonly Stopwatch _sinceDrawn = Stopwatch.StartNew();
    private string _phase = "";
    private bool _drawn;

    public void Report(LoadProgress value)
    {
        var interval = _terminal ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(5);
        if (value.Phase == _phase && _sinceDrawn.Elapsed < interval && value.Fraction < 1)
        {
            return;
        }

        if (value.Phase != _phase && _drawn && _terminal)
        {
            output.WriteLine();
        }

        _phase = value.Phase;
        _sinceDrawn.Restart();
        var filled = (int)Math.Round(value.Fraction * Width);
        var rate = value.Elapsed.TotalSeconds > 0 ? value.Rows / value.Elapsed.TotalSeconds : 0;
        var text = $"[{new string('#', filled)}{new string('-', Width - filled)}] {value.Fraction,4:P0} {value.Phase}: {value.Rows:N0} rows, {value.InvoiceLines:N0} invoice lines, {rate:N0} rows/s, {value.Elapsed.TotalSeconds:N0} s";
        output.Write(_terminal ? $"\r{text}\u001b[K" : $"{text}{Environment.NewLine}");
        _drawn = true;
    }

    public void Done()
    {
        if (_drawn && _terminal)
        {
            output.WriteLine();
        }
    }
}
