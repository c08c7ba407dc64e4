using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessGov.Benchmarks.Durable;
using ServerlessGov.Functions.Subjects;
using ServerlessGov.Functions.Subjects.Import;
using ServerlessGov.Population;
using ServerlessGov.Storage.Sqlite;

namespace ServerlessGov.Benchmarks.Subjects;

/// <summary>
/// Imports 1,000,000 generated residents (seed 1, NDJSON, generated in setup and not timed) into a fresh SQLite
/// registry, once, and prints "SUBJECT-IMPORT …" lines: records/s, the process's peak working set and the largest
/// managed heap seen while importing. Run:
/// <c>dotnet run -c Release --project tests/ServerlessGov.Benchmarks -- --filter '*SubjectImportBenchmarks*'</c>.
/// </summary>
[Config(typeof(SingleRunConfig))]
public class SubjectImportBenchmarks
{
    private const int Residents = 1_000_000;
    private string _directory = string.Empty;
    private string _file = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "serverlessgov-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _file = Path.Combine(_directory, "residents.ndjson");
        var options = new PopulationOptions { Seed = 1, Residents = Residents, Enterprises = 0, ReferenceDate = DateOnly.FromDateTime(DateTime.UtcNow) };
        using var output = File.Create(_file);
        PopulationWriter.WriteNdjsonAsync(PopulationGenerator.Generate(options), output).GetAwaiter().GetResult();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark]
    public async Task ImportMillionResidents()
    {
        var storage = new SqliteStorage(new SqliteStorageOptions { Path = Path.Combine(_directory, "registry.db") });
        await using (storage)
        {
            var (registry, validator) = SubjectsServiceCollectionExtensions.CreateRegistry(storage, SubjectsServiceCollectionExtensions.DevelopmentPseudonymKey);
            var importer = new SubjectImporter(registry, validator, new ImportJobStore(storage, TimeProvider.System), TimeProvider.System, NullLogger<SubjectImporter>.Instance);
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var workingSetBefore = process.WorkingSet64;
            long peakHeap = 0;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                    await Task.Delay(100).ConfigureAwait(false);
                }
            });

            var stopwatch = Stopwatch.StartNew();
            var file = File.OpenRead(_file);
            ImportProgress result;
            await using (file)
            {
                result = await importer.RunAsync("imp-bench", file, ImportFormat.Ndjson);
            }

            stopwatch.Stop();
            await sampling.CancelAsync();
            await sampler;
            process.Refresh();
            var seconds = stopwatch.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"SUBJECT-IMPORT records={result.RecordsRead} accepted={result.Accepted} quarantined={result.Quarantined} seconds={seconds:F1} records/s={result.RecordsRead / seconds:F0}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"SUBJECT-IMPORT file={new FileInfo(_file).Length / 1048576.0:F0}MiB database={new FileInfo(Path.Combine(_directory, "registry.db")).Length / 1048576.0:F0}MiB working-set-before={workingSetBefore / 1048576.0:F0}MiB peak-working-set={process.PeakWorkingSet64 / 1048576.0:F0}MiB peak-managed-heap={peakHeap / 1048576.0:F0}MiB"));
        }
    }
}
