using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Rules.Syntax;

namespace ServerlessGov.Functions.Cases.Runs;

/// <summary>Which facts a policy reads (rule and amount), so a change to a subject re-evaluates only the policies it can affect.</summary>
public static class PolicyFacts
{
    /// <summary>
    /// The fact names the policy's rule and amount read (age functions read <c>birth_date</c>), and those its
    /// beneficiary limit reads: the household number, or the marriage registry's record.
    /// </summary>
    public static IReadOnlySet<string> ReadBy(PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var facts = new HashSet<string>(StringComparer.Ordinal);
        switch (policy.BeneficiaryLimit)
        {
            case BeneficiaryLimit.OnePerHousehold:
                facts.Add("household.id");
                break;
            case BeneficiaryLimit.OnePerCouple:
                facts.Add("marriage.married");
                facts.Add("marriage.spouse");
                break;
        }

        Collect(policy.Rule, facts);
        Collect(policy.Amount.Value, facts);
        Collect(policy.Amount.TierOn, facts);
        foreach (var tier in policy.Amount.Tiers)
        {
            Collect(tier.Value, facts);
        }

        return facts;
    }

    private static void Collect(RuleNode? node, HashSet<string> facts)
    {
        switch (node)
        {
            case FactNode fact:
                facts.Add(fact.Name);
                break;
            case ExistsNode exists:
                facts.Add(exists.Fact);
                break;
            case AllNode all:
                foreach (var operand in all.Operands)
                {
                    Collect(operand, facts);
                }

                break;
            case AnyNode any:
                foreach (var operand in any.Operands)
                {
                    Collect(operand, facts);
                }

                break;
            case NotNode not:
                Collect(not.Operand, facts);
                break;
            case CompareNode compare:
                Collect(compare.Left, facts);
                Collect(compare.Right, facts);
                break;
            case ArithmeticNode arithmetic:
                Collect(arithmetic.Left, facts);
                Collect(arithmetic.Right, facts);
                break;
            case InNode @in:
                Collect(@in.Item, facts);
                Collect(@in.Collection, facts);
                break;
            case ListNode list:
                foreach (var item in list.Items)
                {
                    Collect(item, facts);
                }

                break;
            case CallNode call:
                if (call.Function == RuleFunction.AgeOn)
                {
                    facts.Add("birth_date");
                }

                foreach (var argument in call.Arguments)
                {
                    Collect(argument, facts);
                }

                break;
        }
    }
}
