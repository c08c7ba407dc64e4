using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Evaluation;

/// <summary>Renders fact values for proofs and explanations, masking identifiers.</summary>
internal static class Masking
{
    public static string Show(FactDefinition fact, RuleValue value)
    {
        if (fact.Privacy != PrivacyClass.Identifier || value.Kind != ValueKind.Text)
        {
            return value.ToString();
        }

        var text = value.AsText;
        if (ResidentId.TryParse(text, out var id))
        {
            return id.Masked;
        }

        if (UnifiedSocialCreditCode.TryParse(text, out var code))
        {
            return code.Masked;
        }

        return text.Length <= 4 ? "****" : string.Concat(text.AsSpan(0, 2), new string('*', text.Length - 4), text.AsSpan(text.Length - 2));
    }
}
