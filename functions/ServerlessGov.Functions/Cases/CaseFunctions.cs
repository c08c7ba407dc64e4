using ServerlessGov.Durable;
using ServerlessGov.Functions.Cases.Allowances;
using ServerlessGov.Functions.Cases.Api;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Cases.Triggers;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Cases;

/// <summary>The case feature's functions: orchestrations, activities, the publish and subject-change queues, the daily timer, the operator's start and the case API.</summary>
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
                await context.Services.GetRequiredService<PolicyRunStarter>().StartAllEffectiveAsync("daily", ct).ConfigureAwait(false))
            .Http("StartPolicyRun", "POST", "cases/runs", StartRunAsync, FunctionAuthorization.Roles(FunctionRoles.Operator))
            .AddCaseApiFunctions()
            .AddCaseListFunctions();
    }

    private static async Task<IResult> StartRunAsync(HttpRequest request, StartPolicyRunRequest body, PolicyRunStarter starter, IPolicyCatalog catalog)
    {
        if (string.IsNullOrWhiteSpace(body.PolicyId))
        {
            throw new RequestValidationException("policyId", "is required");
        }

        if (body.Version is not { } version || version < 1)
        {
            throw new RequestValidationException("version", "is a published version number (1 or more)");
        }

        if (await catalog.GetAsync(body.PolicyId, new Domain.Values.PolicyVersion(version), request.HttpContext.RequestAborted).ConfigureAwait(false) is null)
        {
            throw new RequestValidationException("version", "must name a published version of the policy");
        }

        var label = string.IsNullOrWhiteSpace(body.Label) ? "manual" : body.Label;
        if (label.Length > 32 || !label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new RequestValidationException("label", "has 1-32 of A-Z, a-z, 0-9, '-' and '_'");
        }

        var id = await starter.StartAsync(body.PolicyId, version, label, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return DurableTaskHttpApi.CreateCheckStatusResponse(request, id);
    }
}
