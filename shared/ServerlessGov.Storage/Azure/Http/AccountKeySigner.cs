using System.Security.Cryptography;
using System.Text;

namespace ServerlessGov.Storage.Azure.Http;

/// <summary>The HMAC both Shared Key schemes share.</summary>
internal static class AccountKeySigner
{
    public static string Sign(byte[] accountKey, string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(accountKey, Encoding.UTF8.GetBytes(stringToSign)));
}
