namespace ServerlessGov.Population;

/// <summary>
/// The complete extracts the generated sources deliver, as real ones do: the death registry, the marriage registry, the
/// pension roll, the only-child register, the tax withholding register, the property register and the list of serious
/// violations for the whole city; the civil-affairs rolls (低保, orphans) and the disability register per district,
/// fresh for most districts and, for a realistic minority, older than the facts' freshness windows. A generated record
/// of a fact an extract is complete for carries the extract's as-of, as a line of that extract would.
/// </summary>
internal sealed class RegistryExtracts
{
    private const string District = "household.district";

    // Districts whose civil-affairs rolls and disability register were last delivered long ago.
    private static readonly string[] StaleRolls = ["临安区", "淳安县"];
    private static readonly string[] StaleDisabilityRegister = ["桐庐县"];

    private readonly DateTimeOffset _reference;
    private readonly Dictionary<(string Fact, string District), DateTimeOffset> _byDistrict = [];
    private readonly Dictionary<string, DateTimeOffset> _citywide = new(StringComparer.Ordinal);

    public RegistryExtracts(DateOnly referenceDate)
    {
        _reference = new DateTimeOffset(referenceDate.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
        var all = new List<GeneratedExtract>
        {
            Citywide("police", ["deceased"], days: 1),
            Citywide("civil_affairs", ["marriage.married"], days: 3),
            Citywide("hrss", ["retirement.type"], days: 15),
            Citywide("health", ["only_child.certified"], days: 30),
            Citywide("tax", ["employment.employer_taxed_locally"], days: 20),
            Citywide("housing", ["housing.owns_home_locally"], days: 20),
            Citywide("samr", ["enterprise.serious_violation"], days: 7),
        };
        var names = Districts.All.Select(d => d.Name).ToArray();
        all.AddRange(ByDistrict("civil_affairs", ["household.dibao", "orphan.certified"], names.Except(StaleRolls).ToArray(), days: 5));
        all.AddRange(ByDistrict("civil_affairs", ["household.dibao", "orphan.certified"], StaleRolls, days: 200));
        all.AddRange(ByDistrict("cdpf", ["disability.certified"], names.Except(StaleDisabilityRegister).ToArray(), days: 10));
        all.AddRange(ByDistrict("cdpf", ["disability.certified"], StaleDisabilityRegister, days: 400));
        All = all;
    }

    /// <summary>Every extract, as the import declares them.</summary>
    public IReadOnlyList<GeneratedExtract> All { get; }

    /// <summary>The as-of a record of <paramref name="fact"/> carries in the extract covering a resident of district <paramref name="district"/>.</summary>
    public DateTimeOffset AsOf(string fact, int district) =>
        _citywide.TryGetValue(fact, out var asOf) ? asOf : _byDistrict[(fact, Districts.All[district].Name)];

    private GeneratedExtract Citywide(string source, string[] facts, int days)
    {
        var asOf = _reference.AddDays(-days);
        foreach (var fact in facts)
        {
            _citywide[fact] = asOf;
        }

        return new GeneratedExtract(source, facts, null, [], asOf);
    }

    private IEnumerable<GeneratedExtract> ByDistrict(string source, string[] facts, string[] districts, int days)
    {
        var asOf = _reference.AddDays(-days);
        foreach (var fact in facts)
        {
            foreach (var district in districts)
            {
                _byDistrict[(fact, district)] = asOf;
            }
        }

        yield return new GeneratedExtract(source, facts, District, districts, asOf);
    }
}
