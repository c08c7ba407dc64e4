namespace ServerlessGov.Testing.Apps;

/// <summary>Locates the repository and the built outputs of its projects from a running test.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the nearest ancestor of the test's output folder holding ServerlessGov.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with (Debug or Release).</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The built assembly of a project under <paramref name="folder"/> (e.g. <c>functions/ServerlessGov.Functions</c>).</summary>
    public static string Assembly(string folder)
    {
        var name = Path.GetFileName(folder);
        var path = Path.Combine(Root, folder, "bin", Configuration, "net10.0", name + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built; build the solution first.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ServerlessGov.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No ServerlessGov.sln above {AppContext.BaseDirectory}.");
    }
}
