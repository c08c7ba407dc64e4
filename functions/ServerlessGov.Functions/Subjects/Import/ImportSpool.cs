using Microsoft.Extensions.Options;
using ServerlessGov.Functions.Subjects.Registry;

namespace ServerlessGov.Functions.Subjects.Import;

/// <summary>
/// Where uploaded import files wait for the import function: a folder under the app's data folder
/// (<c>Subjects:ImportFolder</c>, default <c>.data/imports</c> under the content root), one file per import id.
/// </summary>
public sealed class ImportSpool
{
    private readonly string _folder;

    /// <summary>Creates the spool from configuration.</summary>
    public ImportSpool(IOptions<SubjectRegistryOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _folder = Path.GetFullPath(options.Value.ImportFolder, environment.ContentRootPath);
    }

    /// <summary>The spooled file of an import.</summary>
    public string PathOf(string importId, ImportFormat format) =>
        Path.Combine(_folder, importId + (format == ImportFormat.Csv ? ".csv" : ".ndjson"));

    /// <summary>
    /// Copies an upload to the spool (streamed) and returns its size in bytes. An upload that breaks off (the body is
    /// over the server's limit, the client went away) leaves no file behind.
    /// </summary>
    public async Task<long> SaveAsync(string importId, ImportFormat format, Stream body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        Directory.CreateDirectory(_folder);
        var path = PathOf(importId, format);
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        try
        {
            await using (file.ConfigureAwait(false))
            {
                await body.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                return file.Length;
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }
}
