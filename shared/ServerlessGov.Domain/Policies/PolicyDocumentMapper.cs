using System.Globalization;
using System.Text.Json;
using ServerlessGov.Domain.Amounts;
using ServerlessGov.Domain.Coverage;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Rules.Checking;
using ServerlessGov.Domain.Rules.Json;
using ServerlessGov.Domain.Rules.Syntax;
using ServerlessGov.Domain.Rules.Text;
using ServerlessGov.Domain.Serialization.Policies;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Policies;

/// <summary>
/// Turns a structurally valid policy DTO into a typed <see cref="PolicyDocument"/>: parses and type-checks the rule and
/// formulas against the dictionary and converts test-case facts. Collects every error with its JSON path.
/// </summary>
internal sealed class PolicyDocumentMapper(DataDictionary dictionary)
{
    private readonly List<PolicyValidationError> _errors = [];

    public IReadOnlyList<PolicyValidationError> Errors => _errors;

    private ScheduleKind _schedule;
    private (BusinessDate From, BusinessDate? Until) _effective;

    public PolicyDocument? Map(PolicyDto dto)
    {
        _schedule = PolicyDocumentValidator.ParseScheduleKind(dto.Schedule!.Kind);
        _effective = (BusinessDate.Parse(dto.Effective!.From), dto.Effective.Until is null ? null : BusinessDate.Parse(dto.Effective.Until));
        var target = dto.Target == "enterprises" ? PolicyTarget.Enterprises : PolicyTarget.Residents;
        var units = dto.Parameters.GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Unit, StringComparer.Ordinal);
        var context = target == PolicyTarget.Residents ? RuleCheckContext.ForResidents(dictionary, units) : RuleCheckContext.ForEnterprises(dictionary, units);

        var rule = Expression(dto.Rule, "$.rule", context, condition: true);
        var amount = Amount(dto.Amount!, context);
        var testCases = dto.TestCases.Select((t, i) => TestCase(t, $"$.testCases[{i}]")).ToList();
        var review = Review(dto.Review, context);
        if (_errors.Count > 0 || rule is null || amount is null || testCases.Any(t => t is null) || review is null)
        {
            return null;
        }

        return new PolicyDocument
        {
            Id = dto.Id,
            Version = new PolicyVersion(dto.Version),
            Title = new LocalizedText(dto.Title!.Zh!, dto.Title.En!),
            LegalBasis = dto.LegalBasis,
            Department = new LocalizedText(dto.Department!.Zh!, dto.Department.En!),
            Target = target,
            Rule = rule,
            Amount = amount,
            Parameters = dto.Parameters.Select(p => new PolicyParameter(p.Name, p.Unit, p.Values.Select(v => new ParameterValue(BusinessDate.Parse(v.EffectiveFrom), v.Value, v.LegalReference)).ToList())).ToList(),
            Schedule = new PaymentSchedule(PolicyDocumentValidator.ParseScheduleKind(dto.Schedule!.Kind), dto.Schedule.Prorate),
            BudgetCap = dto.BudgetCap is null ? null : Money.Parse(dto.BudgetCap),
            EffectiveFrom = BusinessDate.Parse(dto.Effective!.From),
            EffectiveUntil = dto.Effective.Until is null ? null : BusinessDate.Parse(dto.Effective.Until),
            Track = dto.Track == "automatic" ? PolicyTrack.Automatic : PolicyTrack.FastApplication,
            RequiresConfirmation = dto.RequiresConfirmation,
            ExclusionGroup = dto.ExclusionGroup,
            BeneficiaryLimit = dto.BeneficiaryLimit switch { "onePerHousehold" => BeneficiaryLimit.OnePerHousehold, "onePerCouple" => BeneficiaryLimit.OnePerCouple, _ => BeneficiaryLimit.None },
            Review = review!,
            Notes = dto.Notes is { Zh: not null, En: not null } notes ? new LocalizedText(notes.Zh, notes.En) : null,
            TestCases = testCases!,
        };
    }

    private ReviewUrgencyRules? Review(ReviewDto? dto, RuleCheckContext context)
    {
        if (dto is null)
        {
            return ReviewUrgencyRules.None;
        }

        var reasons = dto.UrgentWhen
            .Select((u, i) => (u.Reason, When: u.When.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : Expression(u.When, $"$.review.urgentWhen[{i}].when", context, condition: true), HasWhen: u.When.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null)))
            .ToList();
        return reasons.Any(r => r.HasWhen && r.When is null)
            ? null
            : new ReviewUrgencyRules(dto.Urgent, reasons.Select(r => new UrgentReviewReason(r.Reason, r.When)).ToList());
    }

    private AmountRule? Amount(AmountDto dto, RuleCheckContext context)
    {
        var kind = dto.Kind switch { "fixed" => AmountKind.Fixed, "tiered" => AmountKind.Tiered, _ => AmountKind.Formula };
        var rounding = new Rounding(
            dto.Rounding!.To == "yuan" ? RoundingUnit.Yuan : RoundingUnit.Fen,
            dto.Rounding.Mode switch { "halfEven" => RoundingMode.HalfEven, "down" => RoundingMode.Down, _ => RoundingMode.HalfUp });
        if (kind == AmountKind.Tiered)
        {
            var on = Formula(dto.TierOn, "$.amount.tierOn", context);
            var tiers = (dto.Tiers ?? []).Select((t, i) => (t, Value: Formula(t.Value, $"$.amount.tiers[{i}].value", context))).ToList();
            if (on is null || tiers.Any(t => t.Value is null))
            {
                return null;
            }

            return new AmountRule { Kind = kind, TierOn = on, Tiers = tiers.Select(t => new AmountTier(t.t.From, t.t.To, t.Value!)).ToList(), Rounding = rounding, Sample = dto.Sample };
        }

        var value = Formula(dto.Value, "$.amount.value", context);
        if (value is null)
        {
            return null;
        }

        if (kind == AmountKind.Fixed && MentionsFacts(value))
        {
            _errors.Add(new PolicyValidationError("$.amount.value", "a fixed amount may use numbers and parameters only; use kind \"formula\" to depend on facts"));
            return null;
        }

        return new AmountRule { Kind = kind, Value = value, Rounding = rounding, Sample = dto.Sample };
    }

    private RuleNode? Formula(string? text, string path, RuleCheckContext context)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            _errors.Add(new PolicyValidationError(path, "a formula is required"));
            return null;
        }

        RuleNode node;
        try
        {
            node = RuleParser.Parse(text);
        }
        catch (RuleException ex)
        {
            Add(path, isText: true, ex.Errors);
            return null;
        }

        var errors = RuleChecker.CheckFormula(node, context);
        Add(path, isText: true, errors);
        return errors.Count == 0 ? node : null;
    }

    private RuleNode? Expression(JsonElement element, string path, RuleCheckContext context, bool condition)
    {
        RuleNode node;
        try
        {
            node = element.ValueKind == JsonValueKind.String ? RuleParser.Parse(RuleJsonReader.Text(element, path)) : RuleJsonReader.Read(element, path);
        }
        catch (RuleException ex)
        {
            Add(path, element.ValueKind == JsonValueKind.String, ex.Errors);
            return null;
        }

        var errors = condition ? RuleChecker.CheckRule(node, context) : RuleChecker.CheckFormula(node, context);
        Add(path, element.ValueKind == JsonValueKind.String, errors);
        return errors.Count == 0 ? node : null;
    }

    private void Add(string path, bool isText, IEnumerable<RuleError> errors)
    {
        foreach (var error in errors)
        {
            var where = isText ? $"{path} ({error.Location})" : error.Location;
            _errors.Add(new PolicyValidationError(where, $"{error.Message} [{error.Code}]") { End = isText ? error.End : null });
        }
    }

    private PolicyTestCase? TestCase(TestCaseDto dto, string path)
    {
        var date = BusinessDate.Parse(dto.Date);
        // Without an explicit period a test case decides the period a run on its date would (PolicyDocument.PeriodOn);
        // a date outside the effective window keeps its own day, which the validator then names.
        var (start, end) = dto.PeriodStart is null && dto.PeriodEnd is null
            ? new PaymentSchedule(_schedule, false).PeriodContaining(date, _effective.From, _effective.Until) ?? (date, date)
            : (date, date);
        start = dto.PeriodStart is null ? start : BusinessDate.Parse(dto.PeriodStart);
        end = dto.PeriodEnd is null ? (dto.PeriodStart is null ? end : start) : BusinessDate.Parse(dto.PeriodEnd);
        var facts = new List<FactValue>();
        foreach (var (name, input) in dto.Facts)
        {
            var factPath = $"{path}.facts['{name}']";
            if (!dictionary.TryGetFact(name, out var fact))
            {
                _errors.Add(new PolicyValidationError(factPath, $"the data dictionary has no fact '{name}'"));
                continue;
            }

            if (!dictionary.TryGetSource(input.Source, out _))
            {
                _errors.Add(new PolicyValidationError($"{factPath}.source", $"unknown source '{input.Source}'"));
                continue;
            }

            var value = ToValue(fact, input.Value);
            if (value is null)
            {
                _errors.Add(new PolicyValidationError($"{factPath}.value", $"expected a {fact.Type.ToString().ToLowerInvariant()} value"));
                continue;
            }

            var asOf = input.AsOf is null ? date.AddDays(-1).StartUtc : DateTimeOffset.Parse(input.AsOf, CultureInfo.InvariantCulture);
            facts.Add(new FactValue(name, value.Value, input.Source, asOf));
        }

        var coverage = Coverage(dto.Coverage ?? [], date, path);
        var expect = dto.Expect!;
        var outcome = expect.Outcome switch { "satisfied" => Truth.Satisfied, "unknown" => Truth.Unknown, _ => Truth.NotSatisfied };
        return new PolicyTestCase(dto.Name, date, start, end, facts, outcome, expect.Amount is null ? null : Money.Parse(expect.Amount), expect.Unknown ?? [])
        {
            Coverage = coverage,
        };
    }

    private List<CoverageDeclaration> Coverage(List<CoverageDto> declarations, BusinessDate date, string path)
    {
        var coverage = new List<CoverageDeclaration>();
        for (var i = 0; i < declarations.Count; i++)
        {
            var dto = declarations[i];
            var where = $"{path}.coverage[{i}]";
            if (CoverageDeclaration.Check(dictionary, dto.Source, dto.Facts, dto.Scope?.Fact, dto.Scope?.Values) is { } error)
            {
                _errors.Add(new PolicyValidationError($"{where}.{error.Field}", error.Rule));
                continue;
            }

            var asOf = date.AddDays(-1).StartUtc;
            if (dto.AsOf is not null && !TryParseAsOf(dto.AsOf, out asOf))
            {
                _errors.Add(new PolicyValidationError($"{where}.asOf", "an as-of is a date yyyy-MM-dd or an ISO 8601 instant with an offset"));
                continue;
            }

            var scope = dto.Scope?.Fact is { } fact ? new CoverageScope(fact, dto.Scope.Values!.Select(v => v!).ToList()) : CoverageScope.Everyone;
            coverage.Add(new CoverageDeclaration(dto.Source!, dto.Facts!.Select(f => f!).ToList(), scope, asOf));
        }

        return coverage;
    }

    private static bool TryParseAsOf(string text, out DateTimeOffset asOf)
    {
        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            asOf = new BusinessDate(day).StartUtc;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out asOf) && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10);
    }

    /// <summary>The fact's value when the JSON holds one of the fact's type; null otherwise (also for text that is not valid Unicode).</summary>
    private static RuleValue? ToValue(FactDefinition fact, JsonElement value)
    {
        switch (fact.Type)
        {
            case FactType.Bool when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return RuleValue.Bool(value.GetBoolean());
            case FactType.Integer or FactType.Decimal when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number):
                return RuleValue.Number(number);
            case FactType.Date when Text(value) is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                return RuleValue.Date(date);
            case FactType.Enum when Text(value) is { } text && fact.EnumValues.Contains(text):
                return RuleValue.Text(text);
            case FactType.String when Text(value) is { } text:
                return RuleValue.Text(text);
            case FactType.Set when value.ValueKind == JsonValueKind.Array && value.EnumerateArray().Select(Text).ToList() is var items && !items.Contains(null):
                return RuleValue.Set(items.OfType<string>());
            default:
                return null;
        }

        static string? Text(JsonElement element)
        {
            try
            {
                return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }

    private static bool MentionsFacts(RuleNode node) => node switch
    {
        FactNode => true,
        ArithmeticNode a => MentionsFacts(a.Left) || MentionsFacts(a.Right),
        CallNode c => c.Function == RuleFunction.AgeOn || c.Arguments.Any(MentionsFacts),
        _ => false,
    };
}
