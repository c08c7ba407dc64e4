using ServerlessGov.Functions.Subjects.Api;
using ServerlessGov.Functions.Subjects.Changes;
using ServerlessGov.Functions.Subjects.Import;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Queues;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Subjects;

/// <summary>Declares the registry's functions on the host: imports over HTTP and their queue, subject reads, and the <c>subject-changes</c> queue function.</summary>
public static class SubjectsFunctions
{
    /// <summary>Adds the registry's functions.</summary>
    public static FunctionsBuilder AddSubjectsFunctions(this FunctionsBuilder functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var readers = FunctionAuthorization.Roles(FunctionRoles.Operator, FunctionRoles.Auditor);
        return functions
            .RouteValue(AppRouteValues.ImportId)
            .RouteValue(AppRouteValues.SubjectId)
            .Http("StartSubjectImport", "POST", "subjects/imports", SubjectsApi.StartImportAsync, FunctionAuthorization.Roles(FunctionRoles.Operator))
            .Http("GetSubjectImport", "GET", "subjects/imports/{importId}", SubjectsApi.GetImportAsync, readers)
            .Http("GetSubjectImportQuarantine", "GET", "subjects/imports/{importId}/quarantine", SubjectsApi.GetQuarantineAsync, readers)
            .Http("GetSubject", "GET", "subjects/{subjectId}", SubjectsApi.GetSubjectAsync, FunctionAuthorization.Roles(FunctionRoles.Operator, FunctionRoles.Auditor, FunctionRoles.Reviewer))
            .Http("PushSubjectChange", "POST", "subjects/changes", SubjectChangesApi.PushAsync, FunctionAuthorization.Roles(FunctionRoles.Operator))
            .Http("LookUpSubject", "POST", "subjects/lookup", SubjectsApi.LookupAsync, FunctionAuthorization.Roles(FunctionRoles.Operator, FunctionRoles.Auditor, FunctionRoles.Reviewer))
            .Queue<SubjectImportRequested>("RunSubjectImport", SubjectImportRequested.QueueName, RunImportAsync)
            .Queue<SubjectChangeMessage>("SubjectChanges", SubjectChangeMessage.QueueName, OnSubjectChangeAsync);
    }

    private static async Task RunImportAsync(SubjectImportRequested message, QueueTriggerContext context, CancellationToken cancellationToken)
    {
        var importer = context.Services.GetRequiredService<SubjectImporter>();
        var spool = context.Services.GetRequiredService<ImportSpool>();
        var file = File.OpenRead(spool.PathOf(message.ImportId, message.Format));
        await using (file.ConfigureAwait(false))
        {
            await importer.RunAsync(message.ImportId, file, message.Format, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task OnSubjectChangeAsync(SubjectChangeMessage message, QueueTriggerContext context, CancellationToken cancellationToken) =>
        context.Services.GetRequiredService<SubjectChangesHandler>().HandleAsync(message, context.MessageId, cancellationToken);
}
