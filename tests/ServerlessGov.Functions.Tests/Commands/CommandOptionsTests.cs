using ServerlessGov.Functions.Commands;

namespace ServerlessGov.Functions.Tests.Commands;

/// <summary>How a verb's arguments are read: a switch such as <c>--verbose</c> never swallows the option after it.</summary>
public sealed class CommandOptionsTests
{
    [Fact]
    public void Parse_SwitchBeforeAnOption_KeepsBothAndThePositional()
    {
        var options = CommandOptions.Parse(["--verbose", "--residents", "50", "people.ndjson", "--resume"]);

        Assert.True(options.Has("--verbose"));
        Assert.True(options.Has("--resume"));
        Assert.Equal("50", options.Get("--residents"));
        Assert.Equal(["people.ndjson"], options.Positional);
    }

    [Fact]
    public void Parse_OptionWithValue_IsNotASwitch()
    {
        var options = CommandOptions.Parse(["--folder", "/tmp/run"]);

        Assert.False(options.Has("--folder"));
        Assert.Equal("/tmp/run", options.Get("--folder"));
    }
}
