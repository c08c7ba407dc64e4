namespace ServerlessGov.Population;

/// <summary>Hangzhou's districts as the data dictionary spells them, with their administrative division codes and a population weight.</summary>
internal static class Districts
{
    public static readonly (string Name, string Code, int Weight)[] All =
    [
        ("上城区", "330102", 9), ("拱墅区", "330105", 9), ("西湖区", "330106", 9), ("滨江区", "330108", 5),
        ("萧山区", "330109", 11), ("余杭区", "330110", 25), ("临平区", "330113", 6), ("钱塘区", "330114", 5),
        ("富阳区", "330111", 6), ("临安区", "330112", 5), ("桐庐县", "330122", 3), ("淳安县", "330127", 3),
        ("建德市", "330182", 4),
    ];

    private static readonly int TotalWeight = All.Sum(d => d.Weight);

    public static int Pick(Random random)
    {
        var roll = random.Next(TotalWeight);
        for (var i = 0; i < All.Length; i++)
        {
            roll -= All[i].Weight;
            if (roll < 0)
            {
                return i;
            }
        }

        return All.Length - 1;
    }
}
