// A real process that runs one subject import on a SQLite file, so a test can kill it mid-import and run it again.
// Usage: ImportWorker <database> <ndjson file> <import id> <pseudonym key>
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessGov.Functions.Subjects;
using ServerlessGov.Functions.Subjects.Import;
using ServerlessGov.Storage.Sqlite;

var storage = new SqliteStorage(new SqliteStorageOptions { Path = args[0] });
await using (storage)
{
    var (registry, validator) = SubjectsServiceCollectionExtensions.CreateRegistry(storage, args[3]);
    var importer = new SubjectImporter(registry, validator, new ImportJobStore(storage, TimeProvider.System), TimeProvider.System, NullLogger<SubjectImporter>.Instance);
    var file = File.OpenRead(args[1]);
    await using (file)
    {
        var progress = new Progress<ImportProgress>(p => Console.WriteLine($"checkpoint line={p.Line} accepted={p.Accepted}"));
        var result = await importer.RunAsync(args[2], file, ImportFormat.Ndjson, progress);
        Console.WriteLine($"done status={result.Status} accepted={result.Accepted} quarantined={result.Quarantined}");
    }
}
