using System.Security.Cryptography;
using System.Text;
using ServerlessGov.Functions.Subjects.Import;
using ServerlessGov.Hosting;

namespace ServerlessGov.Functions.Commands;

/// <summary>
/// <c>import &lt;file&gt; [--format ndjson|csv] [--id import-id]</c>: imports subjects into the registry, printing
/// progress. Without <c>--id</c> the import id is derived from the file's full path and size, so running the same
/// command again after a crash resumes the same import instead of starting a new one.
/// </summary>
public sealed class ImportCommand : IAppCommand
{
    /// <inheritdoc />
    public string Name => "import";

    /// <inheritdoc />
    public string Usage => "<file> [--format ndjson|csv] [--id <import-id>]  imports subjects (re-run after a crash to resume)";

    /// <inheritdoc />
    public async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = CommandOptions.Parse(context.Arguments);
        if (options.Positional.Count != 1)
        {
            await context.Error.WriteLineAsync($"Usage: {Name} {Usage}").ConfigureAwait(false);
            return 2;
        }

        var path = Path.GetFullPath(options.Positional[0]);
        if (!File.Exists(path))
        {
            await context.Error.WriteLineAsync($"{path} does not exist.").ConfigureAwait(false);
            return 1;
        }

        var formatText = options.Get("--format") ?? (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "csv" : "ndjson");
        if (!Enum.TryParse<ImportFormat>(formatText, ignoreCase: true, out var format))
        {
            await context.Error.WriteLineAsync("--format must be ndjson or csv.").ConfigureAwait(false);
            return 2;
        }

        var importId = options.Get("--id") ?? DefaultImportId(path);
        if (!SubjectImporter.IsValidImportId(importId))
        {
            await context.Error.WriteLineAsync("--id must be 4-64 letters, digits, '-' or '_'.").ConfigureAwait(false);
            return 2;
        }

        // The registry is all an import needs: storage opened on its own, no web server (so the command runs while the
        // app listens on its port) and no triggers.
        await context.App.OpenFunctionsStorageAsync(cancellationToken).ConfigureAwait(false);
        var importer = context.Services.GetRequiredService<SubjectImporter>();
        var progress = new SynchronousProgress(p => context.Error.WriteLine(
            $"import {p.ImportId}: line {p.Line}, {p.RecordsRead} read, {p.Accepted} accepted, {p.Quarantined} quarantined"));
        var file = File.OpenRead(path);
        ImportProgress result;
        await using (file.ConfigureAwait(false))
        {
            result = await importer.RunAsync(importId, file, format, progress, cancellationToken).ConfigureAwait(false);
        }

        await context.Output.WriteLineAsync(
            $"import {result.ImportId}: {result.Status}, {result.RecordsRead} read, {result.Accepted} accepted, {result.Declared} complete extracts declared, {result.Quarantined} quarantined{(result.Failure is null ? string.Empty : ": " + result.Failure)}").ConfigureAwait(false);
        await foreach (var bad in importer.Jobs.ReadQuarantineAsync(result.ImportId, cancellationToken: cancellationToken).Take(20).ConfigureAwait(false))
        {
            await context.Output.WriteLineAsync($"  line {bad.Line}: {bad.Field} {bad.Rule}").ConfigureAwait(false);
        }

        return result.Status == ImportStatus.Completed ? 0 : 1;
    }

    private static string DefaultImportId(string path)
    {
        var identity = $"{path}|{new FileInfo(path).Length}";
        return "imp-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32];
    }

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
