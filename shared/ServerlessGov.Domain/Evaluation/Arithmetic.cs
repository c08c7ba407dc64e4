using ServerlessGov.Domain.Rules.Syntax;

namespace ServerlessGov.Domain.Evaluation;

/// <summary>Exact decimal arithmetic that reports division by zero and overflow instead of throwing.</summary>
internal static class Arithmetic
{
    public static bool TryApply(ArithmeticOperator op, decimal left, decimal right, out decimal result)
    {
        result = 0;
        if (op == ArithmeticOperator.Divide && right == 0)
        {
            return false;
        }

        try
        {
            result = op switch
            {
                ArithmeticOperator.Add => left + right,
                ArithmeticOperator.Subtract => left - right,
                ArithmeticOperator.Multiply => left * right,
                _ => left / right,
            };
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
