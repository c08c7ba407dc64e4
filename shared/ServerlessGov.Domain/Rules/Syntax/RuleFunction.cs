namespace ServerlessGov.Domain.Rules.Syntax;

/// <summary>The built-in functions of the rule language.</summary>
public enum RuleFunction
{
    /// <summary><c>age_on(date)</c>: whole years of the subject's <c>birth_date</c> at the date.</summary>
    AgeOn,

    /// <summary><c>years_between(from, to)</c>: whole years between two dates.</summary>
    YearsBetween,

    /// <summary><c>months_between(from, to)</c>: whole months between two dates.</summary>
    MonthsBetween,

    /// <summary><c>min(a, b, …)</c> of numbers.</summary>
    Min,

    /// <summary><c>max(a, b, …)</c> of numbers.</summary>
    Max,
}
