using Microsoft.Extensions.Configuration;
using ServerlessGov.Storage.Azure;

namespace ServerlessGov.Storage.Tests.Azure;

/// <summary>Reading <c>AzureWebJobsStorage</c> in every form Azure Functions accepts, and failing at start with the key named.</summary>
public sealed class AzureStorageSettingsTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    [Fact]
    public void FromConfiguration_UseDevelopmentStorage_PointsAtTheEmulatorPathStyle()
    {
        var settings = AzureStorageSettings.FromConfiguration(Config(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal("devstoreaccount1", settings.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), settings.TableServiceUri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), settings.QueueServiceUri);
        Assert.True(settings.UsesAccountKey);
    }

    [Fact]
    public void FromConfiguration_AccountConnectionString_DerivesEndpointsFromSuffix()
    {
        var settings = AzureStorageSettings.FromConfiguration(Config(
            ("AzureWebJobsStorage", $"DefaultEndpointsProtocol=https;AccountName=payouts;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn")));

        Assert.Equal("payouts", settings.AccountName);
        Assert.Equal(new Uri("https://payouts.table.core.chinacloudapi.cn"), settings.TableServiceUri);
        Assert.Equal(new Uri("https://payouts.queue.core.chinacloudapi.cn"), settings.QueueServiceUri);
    }

    [Fact]
    public void FromConfiguration_ExplicitEndpoints_WinOverTheSuffix()
    {
        var settings = AzureStorageSettings.FromConfiguration(Config(
            ("AzureWebJobsStorage", $"AccountName=devstoreaccount1;AccountKey={Key};TableEndpoint=http://127.0.0.1:5002/devstoreaccount1;QueueEndpoint=http://127.0.0.1:5001/devstoreaccount1")));

        Assert.Equal(new Uri("http://127.0.0.1:5002/devstoreaccount1"), settings.TableServiceUri);
        Assert.Equal(new Uri("http://127.0.0.1:5001/devstoreaccount1"), settings.QueueServiceUri);
    }

    [Fact]
    public void FromConfiguration_ConnectionStringsSection_IsReadFirst()
    {
        var settings = AzureStorageSettings.FromConfiguration(Config(
            ("ConnectionStrings:Storage", "UseDevelopmentStorage=true")), "Storage");

        Assert.Equal("ConnectionStrings:Storage", settings.Source);
    }

    [Fact]
    public void FromConfiguration_IdentityBasedAccountName_UsesTokensAndPublicEndpoints()
    {
        var settings = AzureStorageSettings.FromConfiguration(Config(("AzureWebJobsStorage:accountName", "payouts")));

        Assert.False(settings.UsesAccountKey);
        Assert.False(settings.UseManagedIdentity);
        Assert.Equal(new Uri("https://payouts.table.core.windows.net"), settings.TableServiceUri);
        Assert.Equal(new Uri("https://payouts.queue.core.windows.net"), settings.QueueServiceUri);
    }

    [Fact]
    public void FromConfiguration_IdentityBasedServiceUris_TakeTheAccountFromTheHost()
    {
        var settings = AzureStorageSettings.FromConfiguration(Config(
            ("AzureWebJobsStorage:tableServiceUri", "https://payouts.table.core.windows.net"),
            ("AzureWebJobsStorage:queueServiceUri", "https://payouts.queue.core.windows.net"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.Equal("payouts", settings.AccountName);
        Assert.True(settings.UseManagedIdentity);
        Assert.Equal("00000000-0000-0000-0000-000000000001", settings.ManagedIdentityClientId);
    }

    [Fact]
    public void FromConfiguration_NothingSet_NamesTheKey()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => AzureStorageSettings.FromConfiguration(Config()));

        Assert.Contains("Storage setting 'AzureWebJobsStorage' is missing", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__accountName", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountName=payouts", "AccountKey is missing")]
    [InlineData("AccountKey=abc=", "AccountName is missing")]
    [InlineData("AccountName=payouts;AccountKey=not base64!", "AccountKey is not valid base64")]
    [InlineData("AccountName=payouts;AccountKey=" + Key + ";TableEndpoint=nowhere", "TableEndpoint 'nowhere' is not an absolute http(s) URL")]
    [InlineData("AccountName=payouts;AccountKey=" + Key + ";DefaultEndpointsProtocol=ftp", "DefaultEndpointsProtocol must be 'https' or 'http'")]
    [InlineData("UseDevelopmentStorage=maybe", "UseDevelopmentStorage must be 'true'")]
    [InlineData("just-some-text", "is not of the form Name=Value")]
    [InlineData("BlobEndpoint=https://x.blob.core.windows.net;SharedAccessSignature=sv=2020", "SharedAccessSignature connection strings are not supported")]
    public void FromConfiguration_BadConnectionString_NamesTheKeyAndTheProblem(string connectionString, string problem)
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            AzureStorageSettings.FromConfiguration(Config(("AzureWebJobsStorage", connectionString))));

        Assert.Contains("'AzureWebJobsStorage'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("accountName", "Pay_Outs", "AzureWebJobsStorage__accountName")]
    [InlineData("tableServiceUri", "https://payouts.table.core.windows.net", "AzureWebJobsStorage__queueServiceUri")]
    [InlineData("queueServiceUri", "https://payouts.queue.core.windows.net", "AzureWebJobsStorage__tableServiceUri")]
    [InlineData("credential", "clientsecret", "AzureWebJobsStorage__tableServiceUri")]
    public void FromConfiguration_BadIdentitySetting_NamesTheKey(string key, string value, string expectedKey)
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            AzureStorageSettings.FromConfiguration(Config(($"AzureWebJobsStorage:{key}", value))));

        Assert.Contains(expectedKey, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_UnknownCredential_NamesTheCredentialKey()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => AzureStorageSettings.FromConfiguration(Config(
            ("AzureWebJobsStorage:accountName", "payouts"),
            ("AzureWebJobsStorage:credential", "clientsecret"))));

        Assert.Contains("AzureWebJobsStorage__credential", ex.Message, StringComparison.Ordinal);
        Assert.Contains("managedidentity", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_ClientIdWithoutManagedIdentity_NamesBothKeys()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => AzureStorageSettings.FromConfiguration(Config(
            ("AzureWebJobsStorage:accountName", "payouts"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001"))));

        Assert.Contains("AzureWebJobsStorage__clientId", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__credential", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("payouts-queue")]
    [InlineData("http://payouts.queue.core.windows.net")]
    public void FromConfiguration_ServiceUriThatIsNotAnHttpsUrl_NamesTheKey(string value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => AzureStorageSettings.FromConfiguration(Config(
            ("AzureWebJobsStorage:accountName", "payouts"),
            ("AzureWebJobsStorage:queueServiceUri", value))));

        Assert.Contains("AzureWebJobsStorage__queueServiceUri", ex.Message, StringComparison.Ordinal);
        Assert.Contains("https", ex.Message, StringComparison.Ordinal);
    }
}
