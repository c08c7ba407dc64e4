using System.Globalization;
using ServerlessGov.Population;

namespace ServerlessGov.Functions.Commands;

/// <summary>
/// <c>generate-population --seed N --residents N --enterprises N --out file [--format ndjson|csv] [--date yyyy-MM-dd]</c>:
/// writes a synthetic population in the registry's import format, streamed, deterministic from the seed and date.
/// </summary>
public sealed class GeneratePopulationCommand : IAppCommand
{
    /// <inheritdoc />
    public string Name => "generate-population";

    /// <inheritdoc />
    public string Usage => "--seed N --residents N --enterprises N --out <file> [--format ndjson|csv] [--date yyyy-MM-dd]  writes a synthetic population (as of today in Asia/Shanghai unless --date)";

    /// <inheritdoc />
    public async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = CommandOptions.Parse(context.Arguments);
        if (!options.TryGetInt("--seed", out var seed) || !options.TryGetInt("--residents", out var residents)
            || !options.TryGetInt("--enterprises", out var enterprises) || options.Get("--out") is not { } output
            || residents < 0 || enterprises < 0)
        {
            await context.Error.WriteLineAsync($"Usage: {Name} {Usage}").ConfigureAwait(false);
            return 2;
        }

        var format = options.Get("--format") ?? "ndjson";
        if (format is not ("ndjson" or "csv"))
        {
            await context.Error.WriteLineAsync("--format must be ndjson or csv.").ConfigureAwait(false);
            return 2;
        }

        DateOnly date;
        if (options.Get("--date") is { } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                await context.Error.WriteLineAsync("--date must be written yyyy-MM-dd.").ConfigureAwait(false);
                return 2;
            }
        }
        else
        {
            var now = context.Services.GetRequiredService<TimeProvider>().GetUtcNow().ToOffset(TimeSpan.FromHours(8));
            date = DateOnly.FromDateTime(now.DateTime);
        }

        var generation = new PopulationOptions { Seed = seed, Residents = residents, Enterprises = enterprises, ReferenceDate = date };
        var population = PopulationGenerator.Generate(generation);
        var extracts = PopulationGenerator.Extracts(generation);
        var file = File.Create(output);
        await using (file.ConfigureAwait(false))
        {
            long written;
            if (format == "csv")
            {
                written = await PopulationWriter.WriteCsvAsync(population, file, cancellationToken).ConfigureAwait(false);
                await PopulationWriter.WriteExtractsCsvAsync(extracts, file, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                written = await PopulationWriter.WriteNdjsonAsync(population, file, cancellationToken).ConfigureAwait(false);
                await PopulationWriter.WriteExtractsNdjsonAsync(extracts, file, cancellationToken).ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync($"Wrote {written} subjects ({residents} residents, {enterprises} enterprises, seed {seed}, as of {date:yyyy-MM-dd}) and {extracts.Count} complete extracts' declarations to {output}.").ConfigureAwait(false);
        }

        return 0;
    }
}
