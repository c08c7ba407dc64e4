namespace ServerlessGov.Domain.Policies;

/// <summary>How many members of a household or couple may receive a policy.</summary>
public enum BeneficiaryLimit
{
    /// <summary>Every eligible subject.</summary>
    None,

    /// <summary>At most one member of a household.</summary>
    OnePerHousehold,

    /// <summary>At most one spouse of a couple.</summary>
    OnePerCouple,
}
