using GoldAnalytics.Adapters.Webhooks;
using GoldAnalytics.Data.Webhooks;

namespace GoldAnalytics.Functions.Webhooks;

/// <summary>Thrown when webhooks need the secret key and the host has none.</summary>
public sealed class WebhookKeyMissingException()
    : InvalidOperationException($"{WebhookOptions.SecretKeySetting} is not set: give the host the base64 of 32 random bytes (e.g. openssl rand -base64 32), the same on every host.");

/// <summary>Creates, seals and opens subscriptions' signing secrets with the host's webhook key.</summary>
public sealed class WebhookSecrets(SecretBox? box)
{
    /// <summary>Whether the host has a key (without one, subscriptions cannot be created or signed).</summary>
    public bool Available => box is not null;

    /// <summary>A new secret and its sealed form for the subscription.</summary>
    public (string Secret, SealedSecret Sealed) Create(Guid subscriptionId)
    {
        var key = box ?? throw new WebhookKeyMissingException();
        var secret = SecretBox.NewSecret();
        return (secret, new SealedSecret(key.Seal(secret, subscriptionId.ToString("N")), key.KeyId, secret[..10]));
    }

    /// <summary>The subscription's secret; throws when it was sealed under another key.</summary>
    public string Open(byte[] ciphertext, string keyId, Guid subscriptionId)
    {
        var key = box ?? throw new WebhookKeyMissingException();
        return keyId == key.KeyId
            ? key.Open(ciphertext, subscriptionId.ToString("N"))
            : throw new System.Security.Cryptography.CryptographicException($"The secret was sealed under key {keyId}, the host has key {key.KeyId}.");
    }
}
