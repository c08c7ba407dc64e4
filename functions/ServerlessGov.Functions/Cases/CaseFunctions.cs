using ServerlessGov.Functions.Cases.Allowances;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Cases.Triggers;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects;
using ServerlessGov.Hosting.Catalog;

namespace ServerlessGov.Functions.Cases;

/// <summary>The case feature's functions not yet converted to <c>[Function]</c> methods: orchestrations, activities, the publish and subject-change queues, the daily timer.</summary>
public static class CaseFunctions
{
    /// <summary>The daily sweep: 00:05 every day, in <c>WEBSITE_TIME_ZONE</c> (the app defaults it to Asia/Shanghai).</summary>
    public const string DailySchedule = "0 5 0 * * *";

    /// <summary>Declares every function of the feature.</summary>
    public static FunctionsBuilder AddCaseFunctions(this FunctionsBuilder functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        return functions
            .Orchestration<PolicyRunInput, PolicyRunProgress>(PolicyRunOrchestration.Name, PolicyRunOrchestration.RunAsync)
            .Orchestration<CaseInput, CaseResult>(CaseOrchestration.Name, CaseOrchestration.RunAsync)
            .Orchestration<AllowanceInput, AllowanceResult?>(AllowanceOrchestration.Name, AllowanceOrchestration.RunAsync)
            .AddPolicyRunActivities()
            .AddCaseActivities()
            .AddAllowanceActivities()
            .Queue<PolicyPublished>("StartPolicyRunOnPublish", PolicyPublished.QueueName, async (message, context, ct) =>
            {
                await context.Services.GetRequiredService<PolicyRunStarter>().StartAsync(message.PolicyId, message.Version, "publish", ct).ConfigureAwait(false);
                if (message.Version > 1)
                {
                    await context.Services.GetRequiredService<BudgetWaiters>().WakeAsync(message.PolicyId, ct).ConfigureAwait(false);
                }
            })
            .Queue<SubjectUpdated>("ReevaluateSubject", SubjectUpdated.QueueName, async (message, context, ct) =>
                await context.Services.GetRequiredService<SubjectReevaluator>().HandleAsync(message, ct).ConfigureAwait(false))
            .Timer("StartDailyPolicyRuns", DailySchedule, async (_, context, ct) =>
                await context.Services.GetRequiredService<PolicyRunStarter>().StartAllEffectiveAsync("daily", ct).ConfigureAwait(false));
    }
}
