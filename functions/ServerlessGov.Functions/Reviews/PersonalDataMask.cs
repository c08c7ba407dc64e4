using System.Text.RegularExpressions;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// Masks resident ID numbers and unified social credit codes inside free text (a resident's objection, a
/// reviewer's reason), so they are never stored, shown or audited in full.
/// </summary>
public static partial class PersonalDataMask
{
    /// <summary>
    /// The text with resident ID numbers masked (anything shaped like one, valid or not: a mistyped number is still
    /// personal) and valid unified social credit codes masked.
    /// </summary>
    public static string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IdentifierShaped().Replace(text, m =>
            ResidentId.TryParse(m.Value, out var id) ? id.Masked
            : UnifiedSocialCreditCode.TryParse(m.Value, out var code) ? code.Masked
            : ResidentIdShaped().IsMatch(m.Value) ? string.Concat(m.Value.AsSpan(0, 4), "**********", m.Value.AsSpan(14, 4))
            : m.Value);
    }

    /// <summary>Masks each text of a list.</summary>
    public static IReadOnlyList<string> Mask(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Select(Mask).ToList();
    }

    [GeneratedRegex("(?<![0-9A-Za-z])[0-9A-Za-z]{17}[0-9A-Za-z](?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierShaped();

    [GeneratedRegex("^[0-9]{17}[0-9Xx]$", RegexOptions.CultureInvariant)]
    private static partial Regex ResidentIdShaped();
}
