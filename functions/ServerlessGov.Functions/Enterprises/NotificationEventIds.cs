using System.Security.Cryptography;
using System.Text;

namespace ServerlessGov.Functions.Enterprises;

/// <summary>The idempotency key of a notification: its CloudEvent id, the same for every send of one (enterprise, policy, version).</summary>
public static class NotificationEventIds
{
    /// <summary>The CloudEvent id of the notification of <paramref name="enterpriseId"/> about <paramref name="policyId"/> version <paramref name="policyVersion"/>.</summary>
    /// <exception cref="ArgumentException">An id is empty.</exception>
    public static string For(string enterpriseId, string policyId, int policyVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(enterpriseId);
        ArgumentException.ThrowIfNullOrEmpty(policyId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"policy-matched\n{enterpriseId}\n{policyId}\n{policyVersion}"));
        return "pm-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
