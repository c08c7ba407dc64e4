using System.Diagnostics;
using System.Globalization;

namespace ServerlessGov.Benchmarks.Durable.SideBySide;

/// <summary>
/// The CPU time Azurite has used so far: its launcher (<c>run.js</c>) and the Azurite process it spawns, read from
/// <c>/proc</c>, so a benchmark can charge the emulator's work to the engine that caused it. Linux only.
/// </summary>
internal static class AzuriteCpu
{
    public static TimeSpan Used(int launcherProcessId)
    {
        var total = TimeSpan.Zero;
        foreach (var id in ProcessTree(launcherProcessId))
        {
            try
            {
                using var process = Process.GetProcessById(id);
                total += process.TotalProcessorTime;
            }
            catch (ArgumentException)
            {
                // The process ended between listing and reading.
            }
        }

        return total;
    }

    private static IEnumerable<int> ProcessTree(int root)
    {
        yield return root;
        var children = $"/proc/{root}/task/{root}/children";
        if (!File.Exists(children))
        {
            yield break;
        }

        foreach (var child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var id in ProcessTree(int.Parse(child, CultureInfo.InvariantCulture)))
            {
                yield return id;
            }
        }
    }
}
