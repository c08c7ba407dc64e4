namespace ServerlessGov.WebConsole.Text;

/// <summary>The languages the console speaks: Chinese by default, English on request.</summary>
public enum ConsoleLanguage
{
    Zh,
    En,
}
