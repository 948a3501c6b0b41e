using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace GoldAnalytics.Runtime.Keys;

/// <summary>A key as listed to admins: never its secret, only the prefix that identifies it.</summary>
public sealed record FunctionKey(Guid Id, string Name, Role Role, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A key just created, with its secret: shown once, never stored.</summary>
public sealed record CreatedFunctionKey(FunctionKey Key, string Secret);

/// <summary>The caller of the current request, known from its key; absent for anonymous calls.</summary>
public sealed record FunctionCaller(Guid KeyId, string KeyName, Role Role);

/// <summary>Makes and hashes key secrets: <c>ga_</c> followed by 32 random bytes in base64url.</summary>
public static class KeySecret
{
    private const string Marker = "ga_";
    private const int SecretBytes = 32;
    private const int PrefixLength = 10;

    /// <summary>Length of every well-formed secret.</summary>
    public static int Length { get; } = Marker.Length + Base64Url.GetEncodedLength(SecretBytes);

    /// <summary>A fresh random secret.</summary>
    public static string Create() => Marker + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>The part of a secret shown in listings.</summary>
    public static string PrefixOf(string secret) => secret[..PrefixLength];

    /// <summary>True when the text has the shape of a secret; anything else is rejected without a database lookup.</summary>
    public static bool IsWellFormed(string candidate) =>
        candidate.Length == Length && candidate.StartsWith(Marker, StringComparison.Ordinal) && Base64Url.IsValid(candidate.AsSpan(Marker.Length));

    /// <summary>SHA-256 of the secret, as stored.</summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
