using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Functions.Subjects.Import;
using ServerlessGov.Functions.Subjects.Registry;
using ServerlessGov.Population;
using ServerlessGov.Storage.Sqlite;
using ServerlessGov.Testing.Apps;
using ServerlessGov.Testing.Storage;
using static ServerlessGov.Functions.Tests.Subjects.SubjectTestData;

namespace ServerlessGov.Functions.Tests.Subjects;

public sealed class ImportCrashTests
{
    [Fact]
    public async Task Import_ProcessKilledMidImport_RerunResumesWithoutDuplicatesOrLoss()
    {
        using var files = new TemporaryDirectory();
        Directory.CreateDirectory(files.Root);
        var database = files.Path("registry.db");
        var ndjson = files.Path("population.ndjson");
        var options = new PopulationOptions { Seed = 11, Residents = 60_000, Enterprises = 0, ReferenceDate = DateOnly.FromDateTime(DateTime.UtcNow) };
        await using (var output = File.Create(ndjson))
        {
            await PopulationWriter.WriteNdjsonAsync(PopulationGenerator.Generate(options), output);
        }

        var key = NewKey();
        var worker = Path.Combine(AppContext.BaseDirectory, "ServerlessGov.Subjects.ImportWorker.dll");
        string[] arguments = [database, ndjson, "imp-crash-test", key];

        await using (var first = AppProcess.Start(worker, files.Root, null, arguments))
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (!first.Output.Contains("checkpoint line=20000", StringComparison.Ordinal) && !first.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            Assert.False(first.HasExited, "The import finished before it could be killed:\n" + first.Output);
            first.Kill();
        }

        await using (var store = new SqliteStorage(new SqliteStorageOptions { Path = database }))
        {
            var killed = await new ImportJobStore(store, TimeProvider.System).GetAsync("imp-crash-test");
            Assert.Equal(ImportStatus.Running, killed!.Status);
            Assert.InRange(killed.Accepted, 20_000, 59_999);
        }

        await using (var second = AppProcess.Start(worker, files.Root, null, arguments))
        {
            Assert.True(await second.WaitForExitAsync(TimeSpan.FromSeconds(120)), second.Output);
            Assert.Equal(0, second.ExitCode);
            Assert.Contains("done status=Completed accepted=60000 quarantined=0", second.Output, StringComparison.Ordinal);
        }

        await using (var store = new SqliteStorage(new SqliteStorageOptions { Path = database }))
        {
            var (registry, validator) = Functions.Subjects.SubjectsServiceCollectionExtensions.CreateRegistry(store, key);
            var stored = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var shard = 0; shard < registry.ShardCount; shard++)
            {
                await foreach (var subject in registry.ReadShardAsync(SubjectKind.Resident, shard))
                {
                    stored.Add(subject.Id.Value, subject.Facts.Count);
                }
            }

            Assert.Equal(60_000, stored.Count);
            foreach (var generated in PopulationGenerator.Generate(options))
            {
                var id = validator.Pseudonyms.IdOf(SubjectKind.Resident, generated.Id).Value;
                Assert.Equal(generated.Facts.Select(f => (f.Fact, f.Source)).Distinct().Count(), stored[id]);
            }
        }
    }
}
