using System.Security.Cryptography;
using System.Text;

namespace GoldAnalytics.Adapters.Webhooks;

/// <summary>
/// Encrypts webhook signing secrets at rest with AES-256-GCM under a key the host holds outside the
/// database. A secret must be usable for signing, so it cannot be stored as a one-way hash; a stolen
/// database without the key reveals no secret. The row's id is bound as associated data, so a
/// ciphertext copied onto another subscription does not decrypt.
/// </summary>
public sealed class SecretBox
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    /// <summary>A box for the 32-byte key.</summary>
    public SecretBox(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("The webhook secret key is 32 bytes (base64 of 32 random bytes).", nameof(key));
        }

        _key = key;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key))[..12];
    }

    /// <summary>A short, non-secret name of the key, stored beside each ciphertext to detect a key mismatch.</summary>
    public string KeyId { get; }

    /// <summary>The box for a base64 key, or null when the text is empty.</summary>
    public static SecretBox? FromBase64(string? base64) =>
        string.IsNullOrWhiteSpace(base64) ? null : new SecretBox(Convert.FromBase64String(base64.Trim()));

    /// <summary>Nonce, tag and ciphertext of the secret, bound to <paramref name="owner"/>.</summary>
    public byte[] Seal(string secret, string owner)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(owner));
        return sealedBytes;
    }

    /// <summary>The secret sealed for <paramref name="owner"/>; throws <see cref="CryptographicException"/> when it was sealed under another key or owner.</summary>
    public string Open(byte[] sealedBytes, string owner)
    {
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(owner));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>A new signing secret: <c>whsec_</c> and 32 random bytes, base64url.</summary>
    public static string NewSecret() =>
        "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
