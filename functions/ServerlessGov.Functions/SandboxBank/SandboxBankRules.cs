using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ServerlessGov.Functions.SandboxBank;

/// <summary>
/// The failures the sandbox plays, decided from the payment itself (account suffix, a hash of the key) rather than by
/// chance, so a test or a demo sees the same outcome every time it sends the same payment.
/// </summary>
internal static class SandboxBankRules
{
    public static bool IsClosedAccount(SandboxBankOptions options, string payeeAccount) =>
        options.ClosedAccountSuffixes.Any(suffix => suffix.Length > 0 && payeeAccount.EndsWith(suffix, StringComparison.Ordinal));

    public static bool WillReturn(SandboxBankOptions options, string idempotencyKey) =>
        Draw("return", idempotencyKey) < options.ReturnShare;

    public static bool WillTimeOut(SandboxBankOptions options, string idempotencyKey) =>
        Draw("timeout", idempotencyKey) < options.TimeoutShare;

    /// <summary>A number in [0, 1) that depends only on the rule and the key.</summary>
    private static double Draw(string rule, string idempotencyKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(rule + "\n" + idempotencyKey));
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) / (double)(1UL << 53);
    }
}
