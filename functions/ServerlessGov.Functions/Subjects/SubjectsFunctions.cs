using ServerlessGov.Functions.Subjects.Changes;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Queues;

namespace ServerlessGov.Functions.Subjects;

/// <summary>Declares the registry's functions on the host: the <c>subject-changes</c> queue function.</summary>
public static class SubjectsFunctions
{
    /// <summary>Adds the registry's functions.</summary>
    public static FunctionsBuilder AddSubjectsFunctions(this FunctionsBuilder functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        return functions.Queue<SubjectChangeMessage>("SubjectChanges", SubjectChangeMessage.QueueName, OnSubjectChangeAsync);
    }

    private static Task OnSubjectChangeAsync(SubjectChangeMessage message, QueueTriggerContext context, CancellationToken cancellationToken) =>
        context.Services.GetRequiredService<SubjectChangesHandler>().HandleAsync(message, context.MessageId, cancellationToken);
}
