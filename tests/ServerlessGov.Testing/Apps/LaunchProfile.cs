using System.Text.Json;

namespace ServerlessGov.Testing.Apps;

/// <summary>
/// The environment <c>dotnet run --project functions/ServerlessGov.Functions</c> gives the app: the variables of the
/// project's first launch profile, and none of the environment names the tests otherwise set, so a process started
/// with it runs as the README's commands run it.
/// </summary>
public static class LaunchProfile
{
    /// <summary>The profile's variables, plus empty <c>ASPNETCORE_ENVIRONMENT</c> and <c>DOTNET_ENVIRONMENT</c> (removed by <see cref="AppProcess"/>).</summary>
    public static Dictionary<string, string> Environment()
    {
        var path = Path.Combine(RepositoryPaths.Root, "functions", "ServerlessGov.Functions", "Properties", "launchSettings.json");
        using var settings = JsonDocument.Parse(File.ReadAllText(path));
        var profile = settings.RootElement.GetProperty("profiles").EnumerateObject().First().Value;
        var variables = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = string.Empty, ["DOTNET_ENVIRONMENT"] = string.Empty };
        if (profile.TryGetProperty("environmentVariables", out var declared))
        {
            foreach (var variable in declared.EnumerateObject())
            {
                variables[variable.Name] = variable.Value.GetString() ?? string.Empty;
            }
        }

        return variables;
    }
}
