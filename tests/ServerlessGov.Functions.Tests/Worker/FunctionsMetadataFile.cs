using System.Text.Json;
using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Worker;

/// <summary>The Worker SDK's <c>functions.metadata</c> in the app's build output, read once as the Azure Functions host reads it: what it will load.</summary>
internal static class FunctionsMetadataFile
{
    private static readonly Lazy<IReadOnlyList<FunctionsMetadataEntry>> Entries = new(ReadEntries);

    /// <summary>Where the file is: beside the app's assembly.</summary>
    public static string Path { get; } = System.IO.Path.Combine(
        System.IO.Path.GetDirectoryName(RepositoryPaths.Assembly("functions/ServerlessGov.Functions"))!, "functions.metadata");

    /// <summary>Every function the file lists, in its order.</summary>
    public static IReadOnlyList<FunctionsMetadataEntry> Read() => Entries.Value;

    private static List<FunctionsMetadataEntry> ReadEntries()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path));
        return
        [
            .. document.RootElement.EnumerateArray().Select(function => new FunctionsMetadataEntry(
                function.GetProperty("name").GetString()!,
                function.GetProperty("entryPoint").GetString()!,
                System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, function.GetProperty("scriptFile").GetString()!),
                [.. function.GetProperty("bindings").EnumerateArray().Select(b => b.Clone())])),
        ];
    }
}
