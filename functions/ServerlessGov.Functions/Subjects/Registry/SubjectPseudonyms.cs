using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Subjects.Registry;

/// <summary>
/// Turns an identity number into the subject's pseudonymous id: HMAC-SHA256 under a secret key of the kind and the
/// normalised identifier, 128 bits in base32. Without the key nobody can link an id back to a number, even by trying
/// every valid resident ID.
/// </summary>
public sealed class SubjectPseudonyms
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private readonly byte[] _key;

    /// <summary>Creates the pseudonymiser with the configured key.</summary>
    /// <exception cref="InvalidOperationException">The key is not base64 of at least 32 bytes (the message names the setting, never the key).</exception>
    public SubjectPseudonyms(IOptions<SubjectRegistryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = DecodeKey(options.Value.PseudonymKey);
    }

    /// <summary>The subject id of an identifier that <see cref="SubjectIdentifiers.TryNormalize"/> accepted.</summary>
    public SubjectId IdOf(SubjectKind kind, string normalizedIdentifier)
    {
        ArgumentNullException.ThrowIfNull(normalizedIdentifier);
        Span<byte> input = stackalloc byte[Encoding.UTF8.GetMaxByteCount(normalizedIdentifier.Length) + 2];
        input[0] = (byte)SubjectShards.Prefix(kind);
        input[1] = (byte)':';
        var length = 2 + Encoding.UTF8.GetBytes(normalizedIdentifier, input[2..]);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_key, input[..length], hash);
        return new SubjectId(string.Create(28, (SubjectShards.Prefix(kind), hash[..16].ToArray()), static (span, state) =>
        {
            span[0] = state.Item1;
            span[1] = '-';
            var bits = 0;
            var buffer = 0;
            var o = 2;
            foreach (var b in state.Item2)
            {
                buffer = (buffer << 8) | b;
                bits += 8;
                while (bits >= 5)
                {
                    span[o++] = Alphabet[(buffer >> (bits - 5)) & 31];
                    bits -= 5;
                }
            }

            span[o] = Alphabet[(buffer << (5 - bits)) & 31];
        }));
    }

    private static byte[] DecodeKey(string? text)
    {
        const string Setting = SubjectRegistryOptions.Section + ":" + nameof(SubjectRegistryOptions.PseudonymKey);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidOperationException($"{Setting} is not set; the registry needs a secret key (base64, at least 32 bytes) for pseudonymous subject ids.");
        }

        try
        {
            var key = Convert.FromBase64String(text);
            return key.Length >= 32 ? key : throw new InvalidOperationException($"{Setting} must decode to at least 32 bytes.");
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"{Setting} is not valid base64.", ex);
        }
    }
}
