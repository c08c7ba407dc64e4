using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using ServerlessGov.Domain.Amounts;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Serialization.Policies;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Policies;

/// <summary>
/// Validates a whole policy document before it can be published: structure and enumerations, dated parameters with
/// legal references, the rule and formulas type-checked against the dictionary, and every test case run.
/// Failure property names are JSON paths.
/// </summary>
public sealed class PolicyDocumentValidator : AbstractValidator<PolicyDto>
{
    private static readonly string[] Targets = ["residents", "enterprises"];
    private static readonly string[] Tracks = ["automatic", "fastApplication"];
    private static readonly string[] Limits = ["none", "onePerHousehold", "onePerCouple"];
    private static readonly string[] AmountKinds = ["fixed", "tiered", "formula"];
    private static readonly string[] Schedules = ["oneOff", "monthly", "perEvent"];
    private static readonly string[] Outcomes = ["satisfied", "notSatisfied", "unknown"];

    /// <summary>Creates a validator for documents checked against a dictionary.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="dictionary"/> is null.</exception>
    public PolicyDocumentValidator(DataDictionary dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        RuleFor(p => p.Id).Matches("^[a-z0-9][a-z0-9-]{2,63}$").WithMessage("an id is 3-64 lowercase letters, digits and '-'");
        RuleFor(p => p.Version).GreaterThan(0).WithMessage("versions start at 1");
        RuleFor(p => p.Title).NotNull().WithMessage("a title in zh and en is required");
        RuleFor(p => p.Title!.Zh).NotEmpty().When(p => p.Title is not null);
        RuleFor(p => p.Title!.En).NotEmpty().When(p => p.Title is not null);
        RuleFor(p => p.LegalBasis).NotEmpty().WithMessage("name the legal basis (document and article)");
        RuleFor(p => p.Department).NotNull().WithMessage("the responsible department in zh and en is required");
        RuleFor(p => p.Target).Must(Targets.Contains).WithMessage("target is residents or enterprises");
        RuleFor(p => p.Track).Must(Tracks.Contains).WithMessage("track is automatic or fastApplication");
        RuleFor(p => p.BeneficiaryLimit).Must(l => l is null || Limits.Contains(l)).WithMessage("beneficiaryLimit is none, onePerHousehold or onePerCouple");
        RuleFor(p => p.BudgetCap).Must(c => BeMoney(c!) && Money.Parse(c!) > Money.Zero).When(p => p.BudgetCap is not null).WithMessage("a budget cap is a positive amount in yuan such as 1000000.00");
        RuleFor(p => p.Rule).Must(r => r.ValueKind is System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Object).WithMessage("a rule is a text (\"age_on(period_start) >= 80 and …\") or a JSON expression");

        RuleForEach(p => p.Review!.UrgentWhen).ChildRules(urgent =>
        {
            urgent.RuleFor(u => u.Reason).Must(ReviewUrgencyRules.ReasonNames.Contains).WithMessage("an urgent review reason is " + string.Join(", ", ReviewUrgencyRules.ReasonNames));
            urgent.RuleFor(u => u.When).Must(w => w.ValueKind is System.Text.Json.JsonValueKind.Undefined or System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Object)
                .WithMessage("a condition is a rule text (\"household.dibao\") or a JSON expression");
        }).When(p => p.Review is not null);

        RuleFor(p => p.Effective).NotNull().WithMessage("an effective window with a from date is required");
        RuleFor(p => p.Effective!.From).Must(BeDate).When(p => p.Effective is not null).WithMessage("a date is yyyy-MM-dd");
        RuleFor(p => p.Effective!.Until).Must(BeDate!).When(p => p.Effective?.Until is not null).WithMessage("a date is yyyy-MM-dd");
        RuleFor(p => p.Effective).Must(e => string.CompareOrdinal(e!.Until, e.From) >= 0)
            .When(p => p.Effective?.Until is not null && BeDate(p.Effective.From) && BeDate(p.Effective.Until!))
            .WithMessage("the effective window ends before it starts");

        RuleFor(p => p.Schedule).NotNull().WithMessage("a schedule is required");
        RuleFor(p => p.Schedule!.Kind).Must(Schedules.Contains).When(p => p.Schedule is not null).WithMessage("schedule kind is oneOff, monthly or perEvent");
        RuleFor(p => p.Schedule!.Prorate).Equal(false).When(p => p.Schedule is not null && p.Schedule.Kind != "monthly").WithMessage("only monthly schedules are prorated");

        RuleFor(p => p.Amount).NotNull().WithMessage("an amount is required");
        When(p => p.Amount is not null, () =>
        {
            RuleFor(p => p.Amount!.Kind).Must(AmountKinds.Contains).WithMessage("amount kind is fixed, tiered or formula");
            RuleFor(p => p.Amount!.Rounding).NotNull().WithMessage("state the rounding rule: {\"to\": \"fen\"|\"yuan\", \"mode\": \"halfUp\"|\"halfEven\"|\"down\"}");
            RuleFor(p => p.Amount!.Rounding!.To).Must(t => t is "fen" or "yuan").When(p => p.Amount!.Rounding is not null).WithMessage("round to fen or yuan");
            RuleFor(p => p.Amount!.Rounding!.Mode).Must(m => m is "halfUp" or "halfEven" or "down").When(p => p.Amount!.Rounding is not null).WithMessage("rounding mode is halfUp, halfEven or down");
            RuleFor(p => p.Amount!.Tiers).NotEmpty().When(p => p.Amount!.Kind == "tiered").WithMessage("a tiered amount lists its tiers");
            RuleFor(p => p.Amount!.Tiers).Must(NotOverlap!).When(p => p.Amount!.Kind == "tiered" && p.Amount.Tiers is { Count: > 0 }).WithMessage("tiers overlap or are out of order");
            RuleFor(p => p.Amount!.TierOn).NotEmpty().When(p => p.Amount!.Kind == "tiered").WithMessage("say what the tiers are chosen on, e.g. age_on(period_end)");
        });

        RuleForEach(p => p.Parameters).NotNull().WithMessage("a parameter is an object, not null");
        RuleForEach(p => p.TestCases).NotNull().WithMessage("a test case is an object, not null");
        RuleForEach(p => p.Amount!.Tiers).NotNull().When(p => p.Amount is not null).WithMessage("a tier is an object, not null");
        RuleForEach(p => p.Parameters).ChildRules(parameter =>
        {
            parameter.RuleFor(p => p.Name).Matches("^[a-z][a-z0-9_]*$").WithMessage("a parameter name is lowercase letters, digits and '_'");
            parameter.RuleFor(p => p.Values).NotEmpty().WithMessage("a parameter needs at least one dated value");
            parameter.RuleForEach(p => p.Values).NotNull().WithMessage("a dated value is an object, not null");
            parameter.RuleForEach(p => p.Values).ChildRules(value =>
            {
                value.RuleFor(v => v.EffectiveFrom).Must(BeDate).WithMessage("a date is yyyy-MM-dd");
                value.RuleFor(v => v.LegalReference).NotEmpty().WithMessage("each value names the legal text that set it");
            });
        });
        RuleFor(p => p.Parameters).Must(ps => ps.OfType<ParameterDto>().Select(p => p.Name).Distinct(StringComparer.Ordinal).Count() == ps.OfType<ParameterDto>().Count()).WithMessage("parameter names must be unique");

        RuleFor(p => p.TestCases).NotEmpty().WithMessage("add at least one test case: given facts at a date, the expected outcome and amount");
        RuleForEach(p => p.TestCases).ChildRules(testCase =>
        {
            testCase.RuleFor(t => t.Name).NotEmpty();
            testCase.RuleFor(t => t.Date).Must(BeDate).WithMessage("a date is yyyy-MM-dd");
            testCase.RuleFor(t => t.PeriodStart).Must(BeDate!).When(t => t.PeriodStart is not null).WithMessage("a date is yyyy-MM-dd");
            testCase.RuleFor(t => t.PeriodEnd).Must(BeDate!).When(t => t.PeriodEnd is not null).WithMessage("a date is yyyy-MM-dd");
            testCase.RuleForEach(t => t.Facts).Must(f => f.Value is not null).WithMessage("a fact is an object with a value and a source, not null");
            testCase.RuleForEach(t => t.Facts).Must(f => f.Value?.AsOf is null || DateTimeOffset.TryParse(f.Value.AsOf, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                .WithMessage("asOf is an instant such as 2026-03-01T00:00:00Z");
            testCase.RuleFor(t => t.Expect).NotNull().WithMessage("say what is expected");
            testCase.RuleFor(t => t.Expect!.Outcome).Must(Outcomes.Contains).When(t => t.Expect is not null).WithMessage("outcome is satisfied, notSatisfied or unknown");
            testCase.RuleFor(t => t.Expect!.Amount).Must(BeMoney!).When(t => t.Expect?.Amount is not null).WithMessage("an amount is in yuan such as 100.00");
        });

        RuleFor(p => p).Custom((policy, context) =>
        {
            if (context.RootContextData.ContainsKey("structureOnly"))
            {
                return;
            }

            foreach (var error in CheckSemantics(policy, dictionary))
            {
                context.AddFailure(new ValidationFailure(error.Path, error.Message) { CustomState = error.End });
            }
        });
    }

    /// <summary>Validates a document and returns every error with its JSON path (empty when publishable).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public IReadOnlyList<PolicyValidationError> ValidateDocument(PolicyDto policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var structural = new ValidationContext<PolicyDto>(policy);
        structural.RootContextData["structureOnly"] = true;
        var first = Validate(structural);
        if (!first.IsValid)
        {
            return first.Errors.Select(e => new PolicyValidationError(ToJsonPath(e.PropertyName), e.ErrorMessage)).ToList();
        }

        return Validate(policy).Errors.Select(e => new PolicyValidationError(ToJsonPath(e.PropertyName), e.ErrorMessage) { End = e.CustomState as string }).ToList();
    }

    internal static ScheduleKind ParseScheduleKind(string kind) => kind switch
    {
        "monthly" => ScheduleKind.Monthly,
        "perEvent" => ScheduleKind.PerEvent,
        _ => ScheduleKind.OneOff,
    };

    private static List<PolicyValidationError> CheckSemantics(PolicyDto policy, DataDictionary dictionary)
    {
        var mapper = new PolicyDocumentMapper(dictionary);
        var document = mapper.Map(policy);
        if (document is null)
        {
            return mapper.Errors.ToList();
        }

        var errors = new List<PolicyValidationError>();
        for (var i = 0; i < document.TestCases.Count; i++)
        {
            var testCase = document.TestCases[i];
            if (testCase.PeriodEnd < testCase.PeriodStart || testCase.PeriodEnd < document.EffectiveFrom || (document.EffectiveUntil is { } until && testCase.PeriodStart > until))
            {
                errors.Add(new PolicyValidationError($"$.testCases[{i}]", $"test case '{testCase.Name}' has a period outside the policy's effective window or ending before it starts"));
                continue;
            }

            if (document.Schedule is { Kind: ScheduleKind.Monthly, Prorate: true } && (testCase.PeriodStart.Year != testCase.PeriodEnd.Year || testCase.PeriodStart.Month != testCase.PeriodEnd.Month))
            {
                errors.Add(new PolicyValidationError($"$.testCases[{i}]", $"test case '{testCase.Name}' must decide one calendar month, as the policy is prorated monthly"));
                continue;
            }

            var failure = PolicyTestRunner.Run(document, document.TestCases[i], dictionary);
            if (failure is not null)
            {
                errors.Add(new PolicyValidationError($"$.testCases[{i}]", $"test case '{document.TestCases[i].Name}' fails: {failure}"));
            }
        }

        return errors;
    }

    private static string ToJsonPath(string propertyName)
    {
        if (propertyName.StartsWith('$'))
        {
            return propertyName;
        }

        var segments = propertyName.Split('.', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]);
        return "$." + string.Join('.', segments);
    }

    private static bool BeDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool BeMoney(string text)
    {
        try
        {
            Money.Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool NotOverlap(List<TierDto> tiers)
    {
        if (tiers.Any(t => t is null))
        {
            return true; // a missing tier is reported on its own
        }

        for (var i = 0; i < tiers.Count; i++)
        {
            if (tiers[i].From is { } from && tiers[i].To is { } to && to < from)
            {
                return false;
            }

            if (i > 0 && (tiers[i - 1].To is not { } previous || tiers[i].From is not { } next || next <= previous))
            {
                return false;
            }
        }

        return true;
    }
}
