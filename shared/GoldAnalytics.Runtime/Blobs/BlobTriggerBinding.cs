using System.Text;
using GoldAnalytics.Adapters.BlobStorage;
using GoldAnalytics.Runtime.Catalogue;

namespace GoldAnalytics.Runtime.Blobs;

/// <summary>What a blob function is called with: the blob version, the trigger value, and the download to dispose.</summary>
internal sealed record BlobTriggerInput(BlobItem Blob, object Value, BlobDownload? Download) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Download?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>Reads a blob version into the trigger parameter's type and names its parts for binding.</summary>
internal sealed class BlobTriggerBinding
{
    private static readonly Type[] Supported = [typeof(Stream), typeof(byte[]), typeof(string), typeof(BlobItem)];
    private readonly Type _type;

    /// <summary>Checks the function's trigger parameter type now, so a wrong one stops start-up.</summary>
    public BlobTriggerBinding(FunctionDescriptor function, BlobPathPattern pattern)
    {
        Function = function;
        Pattern = pattern;
        _type = function.TriggerParameter.ParameterType;
        if (!Supported.Contains(_type))
        {
            throw new InvalidOperationException(
                $"Blob function '{function.Name}': the trigger parameter '{function.TriggerParameter.Name}' is a {_type.Name}; use Stream, byte[], string or BlobItem.");
        }
    }

    public FunctionDescriptor Function { get; }

    public BlobPathPattern Pattern { get; }

    /// <summary>Opens exactly this version; null when it was overwritten or deleted since it was seen.</summary>
    public async Task<BlobTriggerInput?> OpenAsync(IBlobStorage storage, BlobItem seen, CancellationToken cancellationToken)
    {
        if (_type == typeof(BlobItem))
        {
            var current = await storage.GetPropertiesAsync(seen.Container, seen.Name, cancellationToken);
            return current is not null && current.ETag == seen.ETag ? new BlobTriggerInput(current, current, null) : null;
        }

        var download = await storage.GetAsync(seen.Container, seen.Name, seen.ETag, cancellationToken);
        if (download is null)
        {
            return null;
        }

        if (_type == typeof(Stream))
        {
            return new BlobTriggerInput(download.Properties, download.Content, download);
        }

        await using (download)
        {
            using var buffer = new MemoryStream();
            await download.Content.CopyToAsync(buffer, cancellationToken);
            object value = _type == typeof(string) ? Encoding.UTF8.GetString(buffer.ToArray()) : buffer.ToArray();
            return new BlobTriggerInput(download.Properties, value, null);
        }
    }

    /// <summary>The invocation: placeholders by name, plus BlobTrigger (container/name), Properties and Metadata as in Azure Functions.</summary>
    public FunctionInvocation Invocation(BlobTriggerInput input)
    {
        var bindingData = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["BlobTrigger"] = $"{input.Blob.Container}/{input.Blob.Name}",
            ["Properties"] = input.Blob,
            ["Metadata"] = input.Blob.Metadata,
        };
        foreach (var (name, value) in Pattern.Match(input.Blob.Container, input.Blob.Name) ?? new Dictionary<string, string>())
        {
            bindingData[name] = value;
        }

        return new FunctionInvocation(Function.Name, input.Value, bindingData);
    }
}
