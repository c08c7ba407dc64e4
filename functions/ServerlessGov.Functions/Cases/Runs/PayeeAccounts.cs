using System.Security.Cryptography;
using System.Text;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Cases.Runs;

/// <summary>
/// The account reference a subject is paid to. The registry holds no bank details (data minimisation), so the
/// reference is a pseudonymous token derived from the subject id that the bank side resolves; a corrected account
/// arrives as an <see cref="AccountCorrection"/> event.
/// </summary>
public static class PayeeAccounts
{
    /// <summary>The default account reference of a subject.</summary>
    public static string For(SubjectId subject) =>
        "acct-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("account/v1\n" + subject.Value)), 0, 16);
}
