using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ServerlessGov.Functions.SandboxBank;

/// <summary>
/// The fingerprint two submissions under one key are compared by: SHA-256 over the account, amount, currency and
/// purpose, each length-prefixed so no two payloads share a text. The callback URL is delivery metadata and left out.
/// </summary>
internal static class CanonicalPayload
{
    public static string Hash(string payeeAccount, long amountFen, string currency, string purpose)
    {
        var text = new StringBuilder("payment/v1;");
        foreach (var field in new[] { payeeAccount, amountFen.ToString(CultureInfo.InvariantCulture), currency, purpose })
        {
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append(';');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
