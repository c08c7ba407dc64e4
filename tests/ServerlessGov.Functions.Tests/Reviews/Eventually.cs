namespace ServerlessGov.Functions.Tests.Reviews;

/// <summary>Waits (in real time) for something a background trigger does, failing with a message when it does not happen.</summary>
internal static class Eventually
{
    public static async Task AssertAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out: {what}");
            }

            await Task.Delay(50);
        }
    }
}
