namespace ServerlessGov.Domain.Policies;

/// <summary>Who a policy pays.</summary>
public enum PolicyTarget
{
    /// <summary>Residents (resident and household facts).</summary>
    Residents,

    /// <summary>Enterprises (enterprise facts).</summary>
    Enterprises,
}
