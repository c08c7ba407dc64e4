using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ServerlessGov.Domain.Sla;
using ServerlessGov.Functions.Reviews;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Storage.Sqlite;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Reviews;

/// <summary>
/// The real function app as two processes on one SQLite store, with a policy whose SLA is seconds long: the ladder
/// runs on real durable timers in whichever process holds the instance, escalations are handled by whichever
/// process receives them, and duplicate and redelivered messages still leave one notification per recipient and step.
/// </summary>
public sealed class TwoProcessEscalationTests
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["Reviews__Policies__p1__Normal__Sign"] = "00:00:03",
        ["Reviews__Policies__p1__Normal__Close"] = "00:00:09",
        ["Reviews__Policies__p1__Normal__Clock"] = "Elapsed",
        ["Reviews__Policies__p1__Department"] = "civil-affairs",
        ["Reviews__Groups__objections__Supervisors__0"] = "supervisor-zhao",
        ["Reviews__Groups__objections__DepartmentHeads__0"] = "head-of-civil-affairs",
        ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.500",
    };

    [Fact]
    public async Task Ladder_TwoHostProcessesAndRedeliveredMessages_OneNotificationPerRecipientAndStep()
    {
        var root = Path.Combine(Path.GetTempPath(), "serverlessgov-apps", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        await using var first = await FunctionApp.StartAsync(root, Environment);
        await using var second = await FunctionApp.StartAsync(root, Environment);
        await using var store = new SqliteStorage(new SqliteStorageOptions { Path = Path.Combine(root, ".data", "serverlessgov.db") });

        using var resident = Client(first, FunctionRoles.Resident, "subj-4411");
        using var filed = await resident.PostAsJsonAsync(new Uri("api/objections", UriKind.Relative), new
        {
            caseInstanceId = "case-two-hosts",
            policyId = "p1",
            policyVersion = 1,
            statement = "The household size is wrong.",
            documents = new[] { "doc-hukou-page" },
        });
        Assert.Equal(HttpStatusCode.Accepted, filed.StatusCode);
        var itemId = (await filed.Content.ReadFromJsonAsync<ObjectionAccepted>())!.ItemId;

        string[] expected =
        [
            $"review/{itemId}/Sign-50/role:reviewer",
            $"review/{itemId}/Sign-75/role:reviewer",
            $"review/{itemId}/Sign-75/supervisor-zhao",
            $"review/{itemId}/Sign-100/supervisor-zhao",
            $"review/{itemId}/Sign-100/head-of-civil-affairs",
            $"review/{itemId}/Close-50/role:reviewer",
            $"review/{itemId}/Close-75/role:reviewer",
            $"review/{itemId}/Close-75/supervisor-zhao",
            $"review/{itemId}/Close-100/supervisor-zhao",
            $"review/{itemId}/Close-100/head-of-civil-affairs",
        ];
        await Eventually.AssertAsync(async () => (await KeysAsync(store)).Count == expected.Length, "every step notifies", TimeSpan.FromSeconds(90));

        var queue = store.GetQueue(ReviewEscalation.QueueName);
        foreach (var deadline in Enum.GetValues<ReviewDeadline>())
        {
            foreach (var level in new[] { EscalationLevel.Reminder, EscalationLevel.Warning, EscalationLevel.Breach })
            {
                for (var copy = 0; copy < 3; copy++)
                {
                    await queue.SendAsync(BinaryData.FromString(JsonSerializer.Serialize(new ReviewEscalation(itemId, deadline, level), ReviewJson.Escalation)));
                }
            }
        }

        await Eventually.AssertAsync(async () => await queue.GetApproximateCountAsync() == 0, "both hosts drain the duplicates", TimeSpan.FromSeconds(60));
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await KeysAsync(store)).Order(StringComparer.Ordinal));
        using var reviewer = Client(second, FunctionRoles.Reviewer, "reviewer-li");
        var item = await reviewer.GetFromJsonAsync<JsonElement>(new Uri($"api/reviews/{itemId}", UriKind.Relative));
        Assert.True(item.GetProperty("item").GetProperty("overdue").GetBoolean());
    }

    private static HttpClient Client(FunctionApp app, string role, string subject)
    {
        var client = new HttpClient { BaseAddress = app.BaseAddress };
        var token = new DevTokenIssuer(FunctionApp.DevSigningKey).Issue([role], subject, TimeSpan.FromHours(1));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<List<string>> KeysAsync(SqliteStorage store)
    {
        var table = store.GetTable("Notifications");
        await table.CreateIfNotExistsAsync();
        var keys = new List<string>();
        await foreach (var row in table.QueryAllAsync(new TableQuery()))
        {
            keys.Add(row.GetString("IdempotencyKey")!);
        }

        return keys;
    }
}
