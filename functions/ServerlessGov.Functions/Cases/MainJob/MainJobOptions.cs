namespace ServerlessGov.Functions.Cases.MainJob;

/// <summary>What the main job generates and where it keeps its store.</summary>
/// <param name="Residents">Residents to generate.</param>
/// <param name="Enterprises">Enterprises to generate.</param>
/// <param name="Seed">The generator's seed (the same seed gives the same population).</param>
/// <param name="Folder">The folder of the SQLite store (fresh under <c>.data/</c> unless given).</param>
/// <param name="Timeout">How long to wait for every case to reach a resting state.</param>
public sealed record MainJobOptions(int Residents, int Enterprises, int Seed, string Folder, TimeSpan Timeout)
{
    /// <summary>The default population: large enough to exercise every policy, small enough for a few minutes on 2 cores.</summary>
    public const int DefaultResidents = 1_000;

    /// <summary>The default number of enterprises.</summary>
    public const int DefaultEnterprises = 100;
}
