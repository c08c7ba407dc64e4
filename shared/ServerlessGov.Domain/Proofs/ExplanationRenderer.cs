using System.Globalization;
using System.Text;
using ServerlessGov.Domain.Coverage;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Rules.Syntax;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Proofs;

/// <summary>
/// Renders a decision as plain language for the resident (Simplified Chinese or English): why they are paid, why not,
/// or which fact a reviewer must confirm, naming each fact and its source from the dictionary. Identifiers are masked.
/// </summary>
public static class ExplanationRenderer
{
    /// <summary>The explanation text.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="Rules.RuleException">The proof is deeper or larger than <see cref="Rules.RuleLimits"/> allow.</exception>
    public static string Render(PolicyDecision decision, PolicyDocument policy, DataDictionary dictionary, Language language)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(dictionary);
        Rules.RuleLimits.Enforce(decision.Proof);
        var zh = language == Language.Zh;
        var text = new StringBuilder();
        var title = policy.Title.In(language);
        switch (decision.Outcome)
        {
            case Truth.Satisfied:
                text.Append(zh ? $"您符合“{title}”的条件" : $"You qualify for \"{title}\"");
                if (decision.Amount is { } amount)
                {
                    var days = DateTime.DaysInMonth(decision.PeriodStart.Year, decision.PeriodStart.Month);
                    var prorated = decision.EligibleDays is { } eligible && eligible < days
                        ? (zh ? $"（按本月符合条件的{eligible}/{days}天折算）" : $" (prorated for the {eligible} of {days} days you qualified)")
                        : string.Empty;
                    text.Append(zh ? $"，本期金额{amount}{prorated}。" : $"; the amount for this period is {amount}{prorated}.");
                }

                text.Append(zh ? "依据：" : " Because: ");
                break;
            case Truth.NotSatisfied:
                text.Append(zh ? $"您暂不符合“{title}”的条件。原因：" : $"You do not qualify for \"{title}\". Because: ");
                break;
            default:
                text.Append(zh ? $"“{title}”需要人工核实以下信息后才能确定：" : $"\"{title}\" needs a reviewer to confirm: ");
                break;
        }

        var sentences = decision.Outcome == Truth.Unknown
            ? decision.UnknownReasons.Select(r => Reason(r, dictionary, zh)).Distinct()
            : Clauses(decision.Proof).Select(c => Leaf(c.Leaf, c.Clause, c.Outcome, dictionary, zh));
        text.Append(string.Join(zh ? "；" : "; ", sentences));
        text.Append(zh ? "。" : ".");
        return text.ToString();
    }

    // A negated leaf ("not deceased") is phrased as one clause, so a resident reads "meets 'not deceased'" rather
    // than "does not meet 'deceased'".
    private static IEnumerable<(ClauseProof Leaf, string Clause, Truth Outcome)> Clauses(ClauseProof proof)
    {
        if (proof.Children.Count == 0)
        {
            return [(proof, proof.Clause, proof.Outcome)];
        }

        if (proof.Node is NotNode && proof.Children is [{ Children.Count: 0 } leaf])
        {
            return [(leaf, proof.Clause, proof.Outcome)];
        }

        return proof.Children.SelectMany(Clauses);
    }

    private static string Leaf(ClauseProof leaf, string condition, Truth outcome, DataDictionary dictionary, bool zh)
    {
        var negated = outcome == Truth.NotSatisfied;
        if (leaf.Node is CompareNode { Left: CallNode { Function: RuleFunction.AgeOn }, Operator: CompareOperator.GreaterOrEqual, Right: LiteralNode { Value.Kind: ValueKind.Number } age }
            && leaf.Facts.FirstOrDefault(f => f.Fact == "birth_date") is { } birth && !negated)
        {
            var years = (int)age.Value.AsNumber;
            var birthday = DateOnly.ParseExact(birth.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddYears(years);
            var source = SourceName(dictionary, birth.Source, zh);
            var asOf = BusinessDate.FromInstant(birth.AsOf);
            return zh
                ? $"您于{birthday.Year}年{birthday.Month}月{birthday.Day}日年满{years}周岁（{source}，{asOf}）"
                : $"you reached {years} on {birthday:yyyy-MM-dd} ({source}, {asOf})";
        }

        var facts = leaf.Facts.Select(f => Fact(f, dictionary, zh)).ToList();
        if (facts.Count == 0)
        {
            return zh ? $"条件“{condition}”{(negated ? "不成立" : "成立")}" : $"the condition \"{condition}\" is {(negated ? "not met" : "met")}";
        }

        return zh
            ? $"{string.Join("，", facts)}，{(negated ? "不满足" : "满足")}条件“{condition}”"
            : $"{string.Join(", ", facts)}, which {(negated ? "does not meet" : "meets")} \"{condition}\"";
    }

    private static string Fact(FactEvidence evidence, DataDictionary dictionary, bool zh)
    {
        var label = dictionary.TryGetFact(evidence.Fact, out var fact) ? fact.Label.In(zh ? Language.Zh : Language.En) : evidence.Fact;
        var value = evidence.Value switch
        {
            "true" => zh ? "是" : "yes",
            "false" => zh ? "否" : "no",
            var other => other,
        };
        var text = evidence.Absence is { } absence
            ? (zh ? $"{label}为{value}（{Absent(absence, dictionary, zh)}）" : $"{label} is {value} ({Absent(absence, dictionary, zh)})")
            : (zh ? $"{label}为{value}（{SourceName(dictionary, evidence.Source, zh)}，{BusinessDate.FromInstant(evidence.AsOf)}）" : $"{label} is {value} ({SourceName(dictionary, evidence.Source, zh)}, {BusinessDate.FromInstant(evidence.AsOf)})");
        if (evidence.Disregarded is { } stale)
        {
            var staleSource = SourceName(dictionary, stale.Source, zh);
            var staleAsOf = BusinessDate.FromInstant(stale.AsOf);
            text += zh ? $"（{staleSource}截至{staleAsOf}的不同记录已过有效期，不予采用）" : $" (a different {staleSource} value as of {staleAsOf} is out of date and was set aside)";
        }

        return text;
    }

    // "absent from 残联 register of 2026-12-01 covering 余杭区": the subject is not in a source's complete extract.
    private static string Absent(Absence absence, DataDictionary dictionary, bool zh)
    {
        var source = SourceName(dictionary, absence.Source, zh);
        var asOf = BusinessDate.FromInstant(absence.AsOf);
        var scope = absence.Scope.Describe(zh ? Language.Zh : Language.En);
        return zh ? $"{source}{asOf}覆盖{scope}的完整名册中无此记录" : $"absent from the {source} complete extract of {asOf} covering {scope}";
    }

    private static string Reason(UnknownReason reason, DataDictionary dictionary, bool zh)
    {
        var label = dictionary.TryGetFact(reason.Subject, out var fact) ? fact.Label.In(zh ? Language.Zh : Language.En) : reason.Subject;
        var source = reason.Source is null ? string.Empty : SourceName(dictionary, reason.Source, zh);
        var asOf = reason.AsOf is { } instant ? BusinessDate.FromInstant(instant).ToString() : string.Empty;
        var complete = fact is { CompleteSources.Count: > 0 } ? string.Join(zh ? "、" : ", ", fact.CompleteSources.Select(s => SourceName(dictionary, s, zh))) : null;
        return (reason.Kind, zh) switch
        {
            (UnknownReasonKind.Missing, true) when complete is not null => $"{label}（缺少数据，{complete}的完整名册未覆盖本人）",
            (UnknownReasonKind.Missing, false) when complete is not null => $"{label} (no data, and no complete {complete} extract covers you)",
            (UnknownReasonKind.Missing, true) => $"{label}（缺少数据）",
            (UnknownReasonKind.Missing, false) => $"{label} (no data)",
            (UnknownReasonKind.Stale, true) when reason.Absence is { } absence => $"{label}（{Absent(absence, dictionary, zh)}，但该名册已过有效期）",
            (UnknownReasonKind.Stale, false) when reason.Absence is { } absence => $"{label} ({Absent(absence, dictionary, zh)}, but that extract is out of date)",
            (UnknownReasonKind.Conflicting, true) when reason.Source == reason.ConflictingSource => $"{label}（{source}的记录互相矛盾）",
            (UnknownReasonKind.Conflicting, false) when reason.Source == reason.ConflictingSource => $"{label} ({source} records contradict each other)",
            (UnknownReasonKind.Conflicting, true) when reason.Absence is { } absence => $"{label}（{source}与{SourceName(dictionary, reason.ConflictingSource!, zh)}数据不一致：{Absent(absence, dictionary, zh)}）",
            (UnknownReasonKind.Conflicting, false) when reason.Absence is { } absence => $"{label} ({source} and {SourceName(dictionary, reason.ConflictingSource!, zh)} disagree: {Absent(absence, dictionary, zh)})",
            (UnknownReasonKind.Stale, true) => $"{label}（{source}数据截至{asOf}，已过有效期）",
            (UnknownReasonKind.Stale, false) => $"{label} ({source} data as of {asOf} is out of date)",
            (UnknownReasonKind.Conflicting, true) => $"{label}（{source}与{SourceName(dictionary, reason.ConflictingSource!, zh)}数据不一致）",
            (UnknownReasonKind.Conflicting, false) => $"{label} ({source} and {SourceName(dictionary, reason.ConflictingSource!, zh)} disagree)",
            (UnknownReasonKind.NonAuthoritative, true) => $"{label}（仅有{source}数据，需权威部门确认）",
            (UnknownReasonKind.NonAuthoritative, false) => $"{label} (only {source} data; an authoritative source must confirm)",
            (_, true) => $"{label}（无法计算）",
            _ => $"{label} (cannot be computed)",
        };
    }

    private static string SourceName(DataDictionary dictionary, string code, bool zh) =>
        dictionary.TryGetSource(code, out var source) ? source.Name.In(zh ? Language.Zh : Language.En) : code;
}
