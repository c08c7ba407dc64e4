using System.Security.Claims;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Subjects.Registry;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Enterprises.Profiles;

/// <summary>GET enterprises/{enterpriseId}/profile: 一企一档 with policy matches, for the enterprise itself and for operators.</summary>
public static class EnterpriseProfileApi
{
    /// <summary>The profile; 403 when an enterprise asks for another's, 404 when the registry does not know the enterprise.</summary>
    /// <exception cref="RequestValidationException">The id is not an enterprise id issued by the registry.</exception>
    public static async Task<IResult> GetAsync(string enterpriseId, ClaimsPrincipal user, EnterpriseProfileReader profiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(profiles);
        if (!user.IsInRole(FunctionRoles.Operator) && !EnterprisesApi.IsSelf(user, enterpriseId))
        {
            return EnterprisesApi.NotYours();
        }

        var profile = await profiles.GetAsync(ParseEnterpriseId(enterpriseId), cancellationToken).ConfigureAwait(false);
        return profile is null
            ? TypedResults.Problem(title: "No such enterprise", detail: $"The registry holds no enterprise '{enterpriseId}'.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Json(profile, EnterpriseJson.Default.EnterpriseProfile);
    }

    private static SubjectId ParseEnterpriseId(string text)
    {
        try
        {
            var id = new SubjectId(text);
            if (SubjectShards.TryKindOf(id, out var kind) && kind == SubjectKind.Enterprise)
            {
                return id;
            }
        }
        catch (ArgumentException)
        {
            // Reported below, naming the field.
        }

        throw new RequestValidationException("enterpriseId", "must be an enterprise id issued by the registry (e-…)");
    }
}
