using ServerlessGov.Functions.Cases;
using ServerlessGov.Functions.Enterprises;
using ServerlessGov.Functions.Notifications;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Reviews;
using ServerlessGov.Functions.SandboxBank;
using ServerlessGov.Functions.Subjects;
using ServerlessGov.Hosting.Catalog;

namespace ServerlessGov.Functions;

/// <summary>
/// Every function of the app, in one place: each feature adds one line naming its declarations
/// (<c>functions.AddPayoutCallbackFunction()</c>), and the host lists them all when it starts.
/// </summary>
public static class AppFunctions
{
    /// <summary>Declares the app's functions on the host's catalog; passed to <c>AddFunctionsHost</c>.</summary>
    public static void Declare(FunctionsBuilder functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        functions.AddReviewFunctions();
        functions.AddNotificationFunctions();
        functions.AddSubjectsFunctions();
        functions.AddPolicyFunctions();
        functions.AddPayoutCallbackFunction();
        functions.AddSandboxBankFunctions();
        functions.AddCaseFunctions();
        functions.AddEnterprisesFunctions();
    }
}
