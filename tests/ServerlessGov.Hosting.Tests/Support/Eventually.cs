namespace ServerlessGov.Hosting.Tests.Support;

/// <summary>Waits for something a background trigger does, failing with a message when it does not happen in time.</summary>
internal static class Eventually
{
    public static async Task AssertAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout}: {what}");
            }

            await Task.Delay(50);
        }
    }

    public static Task AssertAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        AssertAsync(() => Task.FromResult(condition()), timeout, what);
}
