namespace ServerlessGov.Domain.Coverage;

/// <summary>
/// Why a fact has a value nobody reported: the subject is absent from <see cref="Source"/>'s complete extract of
/// <see cref="AsOf"/> covering <see cref="Scope"/>, so the fact takes the dictionary's absent value ("absent from 残联
/// register of 2026-12-01 covering 余杭区"). Proofs, explanations, the dry-run and review reasons carry it.
/// </summary>
/// <param name="Source">The source whose extract the subject is absent from.</param>
/// <param name="AsOf">The extract's as-of instant (UTC); the absence is as fresh as the extract.</param>
/// <param name="Scope">Whom the extract covers.</param>
public sealed record Absence(string Source, DateTimeOffset AsOf, CoverageScope Scope);
