using System.Text.RegularExpressions;
using ServerlessGov.Domain.Coverage;
using ServerlessGov.Functions.Subjects.Registry;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Subjects.Import;

/// <summary>
/// Streams an NDJSON or CSV file into the registry: every valid record is merged (newest as-of wins), every invalid
/// one quarantined with its line number, field and rule. A coverage line declares a complete extract; declarations are
/// held with the import and applied only when it completes, so a subject of a half-imported extract is never read as
/// absent from it. Memory holds at most one write batch per partition.
/// Every <see cref="CheckpointEvery"/> lines it waits for its writes and records the byte offset reached, with the
/// counters and the quarantine, in one atomic batch. A run that dies resumes from the last checkpoint; the lines after
/// it are read again, and since merging the same observation twice changes nothing, nothing is duplicated or lost.
/// </summary>
public sealed partial class SubjectImporter
{
    /// <summary>How many lines are read between checkpoints.</summary>
    public const int CheckpointEvery = 10_000;

    private const int MaxWritesInFlight = 4;
    private readonly SubjectRegistry _registry;
    private readonly SubjectRecordValidator _validator;
    private readonly ImportJobStore _jobs;
    private readonly TimeProvider _time;
    private readonly ILogger<SubjectImporter> _logger;

    /// <summary>Creates the importer.</summary>
    public SubjectImporter(SubjectRegistry registry, SubjectRecordValidator validator, ImportJobStore jobs, TimeProvider time, ILogger<SubjectImporter> logger)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _registry = registry;
        _validator = validator;
        _jobs = jobs;
        _time = time;
        _logger = logger;
    }

    /// <summary>The job store the importer checkpoints to.</summary>
    public ImportJobStore Jobs => _jobs;

    /// <summary>Whether an import id is usable (4–64 letters, digits, '-' and '_').</summary>
    public static bool IsValidImportId(string? importId) => importId is not null && ImportIdPattern().IsMatch(importId);

    /// <summary>
    /// Runs (or resumes) import <paramref name="importId"/> over <paramref name="input"/>, which must be the same file
    /// every time for the same id. A completed import returns at once. <paramref name="progress"/> hears every checkpoint.
    /// </summary>
    /// <exception cref="ArgumentException">The import id is malformed.</exception>
    /// <exception cref="StorageException">The store failed; <see cref="StorageErrorKind.PreconditionFailed"/> when another run of the same import took over.</exception>
    public async Task<ImportProgress> RunAsync(
        string importId, Stream input, ImportFormat format, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!IsValidImportId(importId))
        {
            throw new ArgumentException("An import id has 4-64 letters, digits, '-' or '_'.", nameof(importId));
        }

        await _registry.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var (job, etag) = await _jobs.CreateOrGetAsync(importId, format, cancellationToken).ConfigureAwait(false);
        if (job.Status is ImportStatus.Completed or ImportStatus.Failed)
        {
            return job;
        }

        await SeekAsync(input, job.ByteOffset, cancellationToken).ConfigureAwait(false);
        if (job.ByteOffset > 0)
        {
            Log.Resuming(_logger, importId, job.Line, job.ByteOffset);
        }

        var run = new Run(this, job with { Status = ImportStatus.Running }, etag, progress);
        var reader = new LineReader(input, job.ByteOffset);
        var importedAt = _time.GetUtcNow();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            run.Line++;
            if (format == ImportFormat.Csv && run.Line == 1)
            {
                if (!CsvRecordParser.IsHeader(line.Span))
                {
                    return await run.FailAsync(reader.Offset, $"The first line must be the header '{CsvRecordParser.Header}'.", cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            if (!line.Span.ContainsAnyExcept((byte)' ', (byte)'\t'))
            {
                continue;
            }

            run.Read++;
            var ok = format == ImportFormat.Ndjson
                ? NdjsonRecordParser.TryParse(line, _validator, importId, importedAt, out var update, out var coverage, out var error)
                : CsvRecordParser.TryParse(line, _validator, importId, importedAt, out update, out coverage, out error);
            if (ok && coverage is not null)
            {
                run.Declare(coverage);
            }
            else if (ok)
            {
                run.Accepted++;
                await run.AddAsync(update!, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                run.Quarantine(new QuarantinedRecord(run.Line, error.Field, error.Rule));
            }

            if (run.Line - run.CheckpointLine >= CheckpointEvery)
            {
                await run.CheckpointAsync(reader.Offset, completed: false, cancellationToken).ConfigureAwait(false);
            }
        }

        // Every record is in before the file's extracts count as complete; a run that dies in between resumes at the
        // end of the file and declares them again (a repeated declaration changes nothing).
        await run.CheckpointAsync(reader.Offset, completed: false, cancellationToken).ConfigureAwait(false);
        var declared = await _jobs.ReadDeclaredAsync(importId, cancellationToken).ConfigureAwait(false);
        if (declared.Count > 0)
        {
            await _registry.DeclareCoverageAsync(declared.ToList(), importId, cancellationToken).ConfigureAwait(false);
        }

        var done = await run.CheckpointAsync(reader.Offset, completed: true, cancellationToken).ConfigureAwait(false);
        Log.Completed(_logger, importId, done.RecordsRead, done.Accepted, done.Declared, done.Quarantined);
        return done;
    }

    private static async Task SeekAsync(Stream input, long offset, CancellationToken cancellationToken)
    {
        if (offset == 0)
        {
            return;
        }

        if (input.CanSeek)
        {
            input.Seek(offset, SeekOrigin.Begin);
            return;
        }

        var skip = new byte[81920];
        var left = offset;
        while (left > 0)
        {
            var read = await input.ReadAsync(skip.AsMemory(0, (int)Math.Min(skip.Length, left)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new InvalidDataException("The file is shorter than the import's checkpoint: it is not the file this import started with.");
            }

            left -= read;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{4,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ImportIdPattern();

    /// <summary>One run's moving parts: the per-partition write buffers, the writes in flight and the unsaved quarantine.</summary>
    private sealed class Run(SubjectImporter owner, ImportProgress job, ETag etag, IProgress<ImportProgress>? progress)
    {
        private readonly Dictionary<string, List<SubjectUpdate>> _buffers = new(StringComparer.Ordinal);
        private readonly List<Task> _inFlight = [];
        private readonly List<QuarantinedRecord> _quarantine = [];
        private readonly List<(long Line, CoverageDeclaration Declaration)> _declared = [];
        private ImportProgress _job = job;
        private ETag _etag = etag;

        public long Line { get; set; } = job.Line;

        public long CheckpointLine { get; private set; } = job.Line;

        public long Read { get; set; } = job.RecordsRead;

        public long Accepted { get; set; } = job.Accepted;

        public long Quarantined { get; private set; } = job.Quarantined;

        public long Declared { get; private set; } = job.Declared;

        public void Quarantine(QuarantinedRecord record)
        {
            Quarantined++;
            _quarantine.Add(record);
        }

        public void Declare(CoverageDeclaration declaration)
        {
            Declared++;
            _declared.Add((Line, declaration));
        }

        public async Task AddAsync(SubjectUpdate update, CancellationToken cancellationToken)
        {
            var partition = SubjectShards.PartitionKey(update.Id);
            if (!_buffers.TryGetValue(partition, out var buffer))
            {
                _buffers[partition] = buffer = new List<SubjectUpdate>(SubjectRegistry.MaxBatch);
            }

            buffer.Add(update);
            if (buffer.Count < SubjectRegistry.MaxBatch)
            {
                return;
            }

            _buffers.Remove(partition);
            if (_inFlight.Count >= MaxWritesInFlight)
            {
                var finished = await Task.WhenAny(_inFlight).ConfigureAwait(false);
                _inFlight.Remove(finished);
                await finished.ConfigureAwait(false);
            }

            _inFlight.Add(owner._registry.ApplyAsync(buffer, cancellationToken));
        }

        public async Task<ImportProgress> CheckpointAsync(long offset, bool completed, CancellationToken cancellationToken)
        {
            foreach (var buffer in _buffers.Values)
            {
                _inFlight.Add(owner._registry.ApplyAsync(buffer, cancellationToken));
            }

            _buffers.Clear();
            await Task.WhenAll(_inFlight).ConfigureAwait(false);
            _inFlight.Clear();
            var now = owner._time.GetUtcNow();
            _job = _job with
            {
                Status = completed ? ImportStatus.Completed : ImportStatus.Running,
                RecordsRead = Read,
                Accepted = Accepted,
                Quarantined = Quarantined,
                Declared = Declared,
                Line = Line,
                ByteOffset = offset,
                UpdatedAt = now,
                CompletedAt = completed ? now : null,
            };
            _etag = await owner._jobs.CheckpointAsync(_job, _etag, _quarantine, _declared, cancellationToken).ConfigureAwait(false);
            _quarantine.Clear();
            _declared.Clear();
            CheckpointLine = Line;
            Log.Checkpoint(owner._logger, _job.ImportId, Line, Read, Accepted, Quarantined);
            progress?.Report(_job);
            return _job;
        }

        public async Task<ImportProgress> FailAsync(long offset, string failure, CancellationToken cancellationToken)
        {
            var now = owner._time.GetUtcNow();
            _job = _job with { Status = ImportStatus.Failed, Line = Line, ByteOffset = offset, UpdatedAt = now, CompletedAt = now, Failure = failure };
            _etag = await owner._jobs.CheckpointAsync(_job, _etag, [], [], cancellationToken).ConfigureAwait(false);
            Log.Failed(owner._logger, _job.ImportId, failure);
            progress?.Report(_job);
            return _job;
        }
    }
}
