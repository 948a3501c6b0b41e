using System.Security.Cryptography;
using System.Text;

namespace GoldAnalytics.Runtime.Durable.Orchestration;

/// <summary>Name-based (RFC 4122 version 5) GUIDs: the same instance, step time and counter give the same GUID on every replay.</summary>
internal static class DeterministicGuid
{
    private static readonly byte[] Namespace = Guid.Parse("9e952958-5e33-4daf-827f-2fa12937b875").ToByteArray(bigEndian: true);

    public static Guid Create(string instanceId, DateTime stepTime, int counter)
    {
        var name = Encoding.UTF8.GetBytes($"{instanceId}_{stepTime:o}_{counter}");
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 version 5 specifies; this is an identifier, not security.
        var hash = SHA1.HashData([.. Namespace, .. name]);
#pragma warning restore CA5350
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
