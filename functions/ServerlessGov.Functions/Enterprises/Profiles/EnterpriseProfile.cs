namespace ServerlessGov.Functions.Enterprises.Profiles;

/// <summary>
/// 一企一档: an enterprise as the authoritative sources describe it (market regulation, tax, social security, science),
/// each fact with provenance, and how it stands against every enterprise policy in force.
/// </summary>
/// <param name="EnterpriseId">The pseudonymous id.</param>
/// <param name="CreditCode">The unified social credit code, masked (<c>9133**********XXX1</c>); null when the registry holds none.</param>
/// <param name="EvaluatedOn">The business date (Asia/Shanghai) the statuses and matches are for.</param>
/// <param name="District">Registered district (市场监管).</param>
/// <param name="Industry">GB/T 4754 industry code.</param>
/// <param name="SizeClass">micro / small / medium / large.</param>
/// <param name="TaxCreditRating">A / B / M / C / D (税务).</param>
/// <param name="Tags">Tags (e.g. 高新, 专精特新).</param>
/// <param name="Facts">Every observation the registry holds, with provenance.</param>
/// <param name="Matches">Every enterprise policy in force, decided for this enterprise.</param>
public sealed record EnterpriseProfile(
    string EnterpriseId,
    string? CreditCode,
    string EvaluatedOn,
    ProfileFact? District,
    ProfileFact? Industry,
    ProfileFact? SizeClass,
    ProfileFact? TaxCreditRating,
    ProfileFact? Tags,
    IReadOnlyList<ProfileFact> Facts,
    IReadOnlyList<ProfileMatch> Matches);
