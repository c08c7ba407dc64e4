using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Functions.Notifications;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Functions.Tests.Notifications;

/// <summary>The one notification path on a real store: the inbox keeps each notice once, a changed repeat is a conflict, and an outside channel delivers once with an id outsiders cannot forge.</summary>
public sealed class NotificationSenderTests : IClassFixture<SqliteStorageFixture>
{
    private const string DeliveryKey = "test-delivery-key-0123456789abcdef0123";
    private readonly SqliteStorageFixture _storage;

    public NotificationSenderTests(SqliteStorageFixture storage)
    {
        _storage = storage;
    }

    [Fact]
    public async Task Send_SameKeyWithOtherDetails_IsAConflictAndTheFirstStays()
    {
        await using var services = Build();
        var sender = services.GetRequiredService<INotificationSender>();
        var key = "case-x|case-paid|" + Guid.NewGuid().ToString("N");
        var first = new Notification(key, "subj-77", NotificationChannel.InApp, "case-paid", new Dictionary<string, string> { ["amountFen"] = "10000" });

        Assert.True(await sender.SendAsync(first));
        Assert.False(await sender.SendAsync(first with { Values = new Dictionary<string, string> { ["amountFen"] = "10000" } }));
        await Assert.ThrowsAsync<NotificationConflictException>(() => sender.SendAsync(first with { Values = new Dictionary<string, string> { ["amountFen"] = "20000" } }));

        var kept = Assert.Single(await services.GetRequiredService<NotificationInbox>().ListAsync("subj-77"), n => n.IdempotencyKey == key);
        Assert.Equal("10000", kept.Values["amountFen"]);
    }

    [Fact]
    public async Task Send_EmailChannelFailsOnceThenRepeated_DeliveredOnceWithAnIdOutsidersCannotForge()
    {
        var email = new RecordingChannel(NotificationChannel.Email) { FailuresLeft = 1 };
        await using var services = Build(email, new Dictionary<string, string?> { ["Notifications:Contacts:supervisor-zhao:Email"] = "zhao@example.gov.cn" });
        var sender = services.GetRequiredService<INotificationSender>();
        var key = "review/rv-1/Sign-100/supervisor-zhao/" + Guid.NewGuid().ToString("N");
        var breach = new Notification(key, "supervisor-zhao", NotificationChannel.Email, "review-escalation", new Dictionary<string, string> { ["level"] = "100" });

        await Assert.ThrowsAsync<HttpRequestException>(() => sender.SendAsync(breach));
        Assert.False(await sender.SendAsync(breach));
        Assert.False(await sender.SendAsync(breach));

        var delivered = Assert.Single(email.Delivered.Values);
        Assert.Equal(2, email.Attempts.Count);
        Assert.Single(email.Attempts.Select(a => a.DeliveryId).Distinct());
        Assert.Equal("zhao@example.gov.cn", delivered.Address);
        Assert.Matches("^[0-9a-f]{64}$", delivered.DeliveryId);
        Assert.DoesNotContain("supervisor-zhao", delivered.DeliveryId, StringComparison.Ordinal);
        var entry = Assert.Single(await services.GetRequiredService<NotificationInbox>().ListAsync(["supervisor-zhao"], 200), e => e.Notification.IdempotencyKey == key);
        Assert.Equal([NotificationChannel.Email], entry.DeliveredBy);

        // Not a digest an outsider could compute from the key alone: the id depends on the configured secret.
        foreach (var guess in new[] { key, "Email|" + key })
        {
            Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(guess))), delivered.DeliveryId);
        }
    }

    [Fact]
    public async Task Send_NoAddressOrInAppOnly_StaysInTheInboxAlone()
    {
        var sms = new RecordingChannel(NotificationChannel.Sms);
        await using var services = Build(sms);
        var sender = services.GetRequiredService<INotificationSender>();
        var tag = Guid.NewGuid().ToString("N");

        await sender.SendAsync(new Notification($"n/{tag}/1", "subj-9", NotificationChannel.Sms, "payment-failed", new Dictionary<string, string>()));
        await sender.SendAsync(new Notification($"n/{tag}/2", "subj-9", NotificationChannel.InApp, "case-paid", new Dictionary<string, string>()));

        Assert.Empty(sms.Attempts);
        Assert.Equal(2, (await services.GetRequiredService<NotificationInbox>().ListAsync("subj-9")).Count(n => n.IdempotencyKey.StartsWith($"n/{tag}/", StringComparison.Ordinal)));
    }

    [Fact]
    public void Sender_ChannelRegisteredWithoutDeliveryKey_RefusesToStart()
    {
        using var services = Build(new RecordingChannel(NotificationChannel.Sms), new Dictionary<string, string?> { ["Notifications:DeliveryKey"] = null });

        var refused = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<INotificationSender>());

        Assert.Contains("Notifications:DeliveryKey", refused.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Build(INotificationChannel? channel = null, IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Notifications:DeliveryKey"] = DeliveryKey })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ITableStore>(_storage.Tables);
        if (channel is not null)
        {
            services.AddSingleton(channel);
        }

        services.AddNotifications(configuration);
        return services.BuildServiceProvider();
    }
}
