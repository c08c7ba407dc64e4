using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Domain.Sla;
using ServerlessGov.Functions.Reviews;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;
using static ServerlessGov.Functions.Tests.Reviews.ReviewRequests;

namespace ServerlessGov.Functions.Tests.Reviews;

/// <summary>
/// Escalations arrive from the timers and the sweep, on several hosts, and queue messages are redelivered: whatever
/// the mix, each recipient gets one notification per item and ladder step. Runs on SQLite and on Azurite.
/// </summary>
public abstract class NotificationDedupeTests(IStorageAdapterFixture storage)
{
    [Fact]
    public async Task Escalation_TwoHostsAndRedeliveredMessages_OneNotificationPerRecipientAndStep()
    {
        var clock = new ManualTimeProvider(Bj(9, 18, 16));
        await using var hostA = ReviewServices.Build(storage, clock);
        await using var hostB = ReviewServices.Build(storage, clock);
        var caseId = "case-dedupe-" + Guid.NewGuid().ToString("N");
        var itemId = await hostA.GetRequiredService<ReviewWorklist>().OpenAsync(UnknownIncome(caseId, ReviewPriority.Urgent));
        clock.Advance(TimeSpan.FromMinutes(6));

        var sent = new Dictionary<EscalationLevel, int>();
        foreach (var level in new[] { EscalationLevel.Reminder, EscalationLevel.Warning, EscalationLevel.Breach })
        {
            var message = new ReviewEscalation(itemId, ReviewDeadline.Sign, level);
            var deliveries = Enumerable.Range(0, 3)
                .SelectMany(_ => new[] { hostA, hostB })
                .Select(host => host.GetRequiredService<ReviewEscalationHandler>().HandleAsync(message));
            sent[level] = (await Task.WhenAll(deliveries)).Sum();
        }

        Assert.Equal(1, sent[EscalationLevel.Reminder]);
        Assert.Equal(2, sent[EscalationLevel.Warning]);
        Assert.Equal(2, sent[EscalationLevel.Breach]);
        var keys = await KeysAsync(itemId);
        Assert.Equal(
            new[]
            {
                $"review/{itemId}/Sign-100/head-of-civil-affairs",
                $"review/{itemId}/Sign-100/role:supervisor",
                $"review/{itemId}/Sign-50/role:reviewer",
                $"review/{itemId}/Sign-75/role:reviewer",
                $"review/{itemId}/Sign-75/role:supervisor",
            }.Order(StringComparer.Ordinal),
            keys.Order(StringComparer.Ordinal));
        var item = (await hostB.GetRequiredService<ReviewWorklist>().GetAsync(itemId)).Item;
        Assert.True(item.Overdue);
        Assert.Equal(["Sign-100", "Sign-50", "Sign-75"], item.Escalated.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Escalation_NotYetDue_NotifiesNobody()
    {
        var clock = new ManualTimeProvider(Bj(9, 18, 16));
        await using var host = ReviewServices.Build(storage, clock);
        var itemId = await host.GetRequiredService<ReviewWorklist>().OpenAsync(UnknownIncome("case-early-" + Guid.NewGuid().ToString("N"), ReviewPriority.Urgent));
        clock.Advance(TimeSpan.FromMinutes(2));

        var sent = await host.GetRequiredService<ReviewEscalationHandler>().HandleAsync(new ReviewEscalation(itemId, ReviewDeadline.Sign, EscalationLevel.Warning));

        Assert.Equal(0, sent);
        Assert.Empty(await KeysAsync(itemId));
    }

    private async Task<List<string>> KeysAsync(string itemId)
    {
        var table = storage.Tables.GetTable("Notifications");
        await table.CreateIfNotExistsAsync();
        var keys = new List<string>();
        await foreach (var row in table.QueryAllAsync(new TableQuery()))
        {
            if (row.GetString("IdempotencyKey")!.StartsWith($"review/{itemId}/", StringComparison.Ordinal))
            {
                keys.Add(row.GetString("IdempotencyKey")!);
            }
        }

        return keys;
    }
}

/// <summary>The dedupe suite on a SQLite file.</summary>
public sealed class SqliteNotificationDedupeTests(SqliteStorageFixture storage) : NotificationDedupeTests(storage), IClassFixture<SqliteStorageFixture>;

/// <summary>The dedupe suite on Azurite.</summary>
public sealed class AzuriteNotificationDedupeTests(AzuriteStorageFixture storage) : NotificationDedupeTests(storage), IClassFixture<AzuriteStorageFixture>;
