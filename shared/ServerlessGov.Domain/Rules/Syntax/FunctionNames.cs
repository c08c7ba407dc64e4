namespace ServerlessGov.Domain.Rules.Syntax;

/// <summary>The spelling of functions, operators and date references shared by the parser, printer and JSON forms.</summary>
public static class FunctionNames
{
    /// <summary>The name of a function as written.</summary>
    public static string Of(RuleFunction function) => function switch
    {
        RuleFunction.AgeOn => "age_on",
        RuleFunction.YearsBetween => "years_between",
        RuleFunction.MonthsBetween => "months_between",
        RuleFunction.Min => "min",
        _ => "max",
    };

    /// <summary>Finds a function by its written name.</summary>
    public static bool TryParse(string name, out RuleFunction function)
    {
        foreach (var candidate in Enum.GetValues<RuleFunction>())
        {
            if (Of(candidate) == name)
            {
                function = candidate;
                return true;
            }
        }

        function = default;
        return false;
    }

    /// <summary>The written name of a date reference.</summary>
    public static string Of(DateReference reference) => reference switch
    {
        DateReference.PeriodStart => "period_start",
        DateReference.PeriodEnd => "period_end",
        _ => "today",
    };

    /// <summary>Finds a date reference by its written name.</summary>
    public static bool TryParse(string name, out DateReference reference)
    {
        foreach (var candidate in Enum.GetValues<DateReference>())
        {
            if (Of(candidate) == name)
            {
                reference = candidate;
                return true;
            }
        }

        reference = default;
        return false;
    }

    /// <summary>The written symbol of a comparison.</summary>
    public static string Of(CompareOperator op) => op switch
    {
        CompareOperator.Equal => "=",
        CompareOperator.NotEqual => "!=",
        CompareOperator.Less => "<",
        CompareOperator.LessOrEqual => "<=",
        CompareOperator.Greater => ">",
        _ => ">=",
    };

    /// <summary>Finds a comparison by its symbol (<c>==</c> is accepted for <c>=</c>).</summary>
    public static bool TryParse(string symbol, out CompareOperator op)
    {
        if (symbol == "==")
        {
            op = CompareOperator.Equal;
            return true;
        }

        foreach (var candidate in Enum.GetValues<CompareOperator>())
        {
            if (Of(candidate) == symbol)
            {
                op = candidate;
                return true;
            }
        }

        op = default;
        return false;
    }

    /// <summary>The written symbol of an arithmetic operator.</summary>
    public static string Of(ArithmeticOperator op) => op switch
    {
        ArithmeticOperator.Add => "+",
        ArithmeticOperator.Subtract => "-",
        ArithmeticOperator.Multiply => "*",
        _ => "/",
    };

    /// <summary>Finds an arithmetic operator by its symbol.</summary>
    public static bool TryParse(string symbol, out ArithmeticOperator op)
    {
        foreach (var candidate in Enum.GetValues<ArithmeticOperator>())
        {
            if (Of(candidate) == symbol)
            {
                op = candidate;
                return true;
            }
        }

        op = default;
        return false;
    }
}
