using System.Globalization;

namespace ServerlessGov.Functions.Commands;

/// <summary>A verb's <c>--name value</c> options, <c>--flag</c> switches and positional arguments, read once.</summary>
internal sealed class CommandOptions
{
    private readonly Dictionary<string, string> _named = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    public IReadOnlyList<string> Positional => _positional;

    public static CommandOptions Parse(IReadOnlyList<string> arguments)
    {
        var options = new CommandOptions();
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 < arguments.Count && !arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    options._named[arguments[i]] = arguments[++i];
                }
                else
                {
                    options._flags.Add(arguments[i]);
                }
            }
            else
            {
                options._positional.Add(arguments[i]);
            }
        }

        return options;
    }

    public string? Get(string name) => _named.GetValueOrDefault(name);

    /// <summary>True when <paramref name="name"/> was given as a switch, without a value.</summary>
    public bool Has(string name) => _flags.Contains(name);

    public bool TryGetInt(string name, out int value)
    {
        value = 0;
        return Get(name) is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
