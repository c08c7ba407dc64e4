namespace ServerlessGov.Functions.Cases.Api;

/// <summary>Masks an account reference for display: enough to recognise one's own account, too little to use it.</summary>
public static class PayeeAccountMask
{
    /// <summary>The first five and last four characters with the middle starred; a short reference is starred whole.</summary>
    public static string Mask(string account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.Length <= 12 ? new string('*', account.Length) : string.Concat(account.AsSpan(0, 5), "****", account.AsSpan(account.Length - 4));
    }
}
