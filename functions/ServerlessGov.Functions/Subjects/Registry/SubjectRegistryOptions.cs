using System.ComponentModel.DataAnnotations;

namespace ServerlessGov.Functions.Subjects.Registry;

/// <summary>
/// Settings of the subject registry, bound from the <c>Subjects</c> section (<c>Subjects__PseudonymKey</c> in
/// local.settings.json Values or the environment; a Key Vault reference in Azure).
/// </summary>
public sealed class SubjectRegistryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Subjects";

    /// <summary>
    /// The secret key (base64, at least 32 bytes) of the keyed hash that turns identity numbers into pseudonymous
    /// subject ids. Changing it changes every subject id: it is set once per store and kept secret like a database key.
    /// </summary>
    [Required]
    [MinLength(44)]
    public string PseudonymKey { get; set; } = string.Empty;

    /// <summary>Where uploaded import files are spooled, relative to the content root when not absolute.</summary>
    [Required]
    public string ImportFolder { get; set; } = ".data/imports";

    /// <summary>
    /// The largest import upload accepted, in bytes (<c>Subjects:MaxImportBytes</c>; default 1 GiB, about a million
    /// residents in NDJSON). The body is streamed to the spool and cut off past it (413).
    /// </summary>
    [Range(1L, 64L * 1024 * 1024 * 1024)]
    public long MaxImportBytes { get; set; } = 1L << 30;
}
