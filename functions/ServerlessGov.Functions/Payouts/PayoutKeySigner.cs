using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ServerlessGov.Functions.Payouts;

/// <summary>
/// Makes the idempotency key a payout is known by at the bank: <c>pk-</c> and 40 hex digits of HMAC-SHA256 of
/// (policy, beneficiary, period) under the secret <c>Payouts:IdempotencySecret</c>. Without the secret nobody can compute
/// the key of a resident's payment and register a payment of their own under it first. The ledger stores each payout's
/// key when it registers it, so changing the secret changes only the keys of payouts registered afterwards.
/// </summary>
public sealed class PayoutKeySigner
{
    /// <summary>The configuration key of the secret.</summary>
    public const string SecretSetting = PayoutOptions.Section + ":" + nameof(PayoutOptions.IdempotencySecret);

    /// <summary>The fewest bytes the secret may decode to.</summary>
    public const int MinimumSecretBytes = 32;

    private readonly byte[] _secret;

    /// <summary>Creates the signer with the configured secret.</summary>
    /// <exception cref="InvalidOperationException">The secret is not base64 of at least <see cref="MinimumSecretBytes"/> bytes (the message names the setting, never the secret).</exception>
    public PayoutKeySigner(IOptions<PayoutOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _secret = Decode(options.Value.IdempotencySecret) ?? throw new InvalidOperationException(Rule);
    }

    /// <summary>The rule the secret keeps, in words.</summary>
    public const string Rule = SecretSetting + " must be set to base64 of at least 32 random bytes (a Key Vault secret in Azure): payout keys are keyed with it so that outsiders cannot compute them";

    /// <summary>True when <paramref name="secret"/> keeps <see cref="Rule"/>.</summary>
    public static bool IsValid(string? secret) => Decode(secret) is not null;

    /// <summary>The idempotency key of <paramref name="key"/> under the current secret.</summary>
    public string IdempotencyKeyFor(PayoutKey key)
    {
        if (key.PolicyId is null)
        {
            throw new ArgumentException("A payout key is required.", nameof(key));
        }

        var text = string.Join('\n', "payout/v2", key.PolicyId, key.Beneficiary.Value, key.Period);
        var hash = HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(text));
        return "pk-" + Convert.ToHexStringLower(hash, 0, 20);
    }

    private static byte[]? Decode(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return null;
        }

        var buffer = new byte[secret.Length];
        return Convert.TryFromBase64String(secret, buffer, out var written) && written >= MinimumSecretBytes ? buffer[..written] : null;
    }
}
