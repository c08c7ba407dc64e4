using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Policies;

namespace ServerlessGov.Domain.Tests.Policies;

public class SamplePolicyTests
{
    public static TheoryData<string> Names() => new(SamplePolicies.Documents().Select(d => d.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Validate_SamplePolicy_PassesItsTestCases(string name)
    {
        var json = SamplePolicies.Documents().Single(d => d.Name == name).Json;
        Assert.Empty(PolicyDocumentLoader.Validate(json, DataDictionary.Default));
    }

    [Fact]
    public void Load_AllSamples_TwelvePoliciesMarkedAsSamples()
    {
        var policies = SamplePolicies.Load(DataDictionary.Default);
        Assert.Equal(12, policies.Count);
        Assert.All(policies, p => Assert.True(p.Amount.Sample));
        Assert.All(policies, p => Assert.Contains("示例", p.Title.Zh, StringComparison.Ordinal));
        Assert.All(policies, p => Assert.NotEmpty(p.TestCases));
    }
}
