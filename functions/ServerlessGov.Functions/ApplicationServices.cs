using ServerlessGov.Functions.Cases;
using ServerlessGov.Functions.Enterprises;
using ServerlessGov.Functions.Operations;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Reviews;
using ServerlessGov.Functions.SandboxBank;
using ServerlessGov.Functions.Subjects;
using ServerlessGov.Functions.WebConsole;

namespace ServerlessGov.Functions;

/// <summary>Everything the function app registers, in one place, so <c>Program.cs</c> stays a table of contents.</summary>
public static class ApplicationServices
{
    /// <summary>
    /// Registers the features' services, one line each, for both hosts. The local runtime (<c>AddFunctionsHost</c>) or the worker (<c>AddWorkerServices</c>) already provides
    /// storage (<c>ITableStore</c>, <c>IQueueStore</c>), <see cref="TimeProvider"/>, authentication and health.
    /// </summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddReviews(builder.Configuration);
        builder.Services.AddSubjects(builder.Configuration, builder.Environment);
        builder.Services.AddPolicies();
        builder.UseCaseDefaults();
        builder.UseSandboxBankDefaults();
        builder.Services.AddPayouts(builder.Configuration);
        builder.Services.AddSandboxBank(builder.Configuration);
        builder.Services.AddCases(builder.Configuration);
        builder.Services.AddEnterprises(builder.Configuration, builder.Environment);
        builder.Services.AddOperations();
        builder.Services.AddWebConsole();
        builder.Services.AddAppJson();
        return builder;
    }
}
