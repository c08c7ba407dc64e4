namespace ServerlessGov.Functions.Tests.SandboxBank;

/// <summary>Waits for a condition that background work makes true (settlement after a delay), failing with a message after a generous deadline.</summary>
internal static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> read, Func<T, bool> accept, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        var last = await read();
        while (!accept(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still waiting for {what}; last value: {last}.");
            }

            await Task.Delay(25);
            last = await read();
        }

        return last;
    }
}
