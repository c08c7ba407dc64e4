using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Notifications;

/// <summary>Declares the inbox's HTTP functions: every signed-in person reads their own notifications and marks them read.</summary>
public static class NotificationFunctions
{
    /// <summary>Adds the inbox functions to the catalog.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="functions"/> is null.</exception>
    public static FunctionsBuilder AddNotificationFunctions(this FunctionsBuilder functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var anyone = FunctionAuthorization.Roles([.. InboxApi.Roles]);
        return functions
            .RouteValue(AppRouteValues.InboxEntryId)
            .Http("ListInbox", "GET", "inbox", InboxApi.ListAsync, anyone)
            .Http("MarkInboxRead", "POST", "inbox/{entryId}/read", InboxApi.MarkReadAsync, anyone);
    }
}
