namespace ServerlessGov.Domain.Policies;

/// <summary>Whether data alone may trigger payment (免申即享) or the beneficiary applies quickly (快申快享).</summary>
public enum PolicyTrack
{
    /// <summary>Paid without application when the data proves eligibility.</summary>
    Automatic,

    /// <summary>Matched beneficiaries are invited to apply; paid within 60 working days.</summary>
    FastApplication,
}
