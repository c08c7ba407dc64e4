using ServerlessGov.Domain.Evaluation;

namespace ServerlessGov.Functions.Cases.MainJob;

/// <summary>One line per kind of review reason for the main job's summary: the fact and why the data could not decide it.</summary>
public static class ReviewReasonText
{
    /// <summary>The reason as the summary prints it, e.g. <c>deceased: police and civil_affairs disagree</c>.</summary>
    public static string Of(UnknownReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var why = reason.Kind switch
        {
            UnknownReasonKind.Missing => "missing",
            UnknownReasonKind.Stale when reason.Absence is { } absence => $"{absence.Source} complete extract out of date",
            UnknownReasonKind.Stale => $"{reason.Source} value out of date",
            UnknownReasonKind.Conflicting when reason.Source == reason.ConflictingSource => $"{reason.Source} records contradict each other",
            UnknownReasonKind.Conflicting => $"{reason.Source} and {reason.ConflictingSource} disagree{(reason.Absence is null ? string.Empty : " (one by absence from a complete extract)")}",
            UnknownReasonKind.NonAuthoritative => $"only {reason.Source}, not an authoritative source",
            UnknownReasonKind.MissingParameter => "parameter has no value",
            _ => "cannot be computed",
        };
        return $"{reason.Subject}: {why}";
    }
}
