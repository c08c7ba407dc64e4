using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Tests.Values;

public class IdentifierTests
{
    [Fact]
    public void PolicyVersion_ZeroOrNegative_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolicyVersion(0));
        Assert.Equal(new PolicyVersion(3), PolicyVersion.Parse("v3"));
        Assert.Equal("v4", new PolicyVersion(3).Next().ToString());
    }

    [Fact]
    public void SubjectId_ResidentIdNumber_IsRefusedAsNotPseudonymous()
    {
        Assert.Throws<ArgumentException>(() => new SubjectId("11010519491231002X"));
        Assert.Equal("r-000123", new SubjectId("r-000123").ToString());
    }
}
