using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using ServerlessGov.Domain.Serialization.Policies;

namespace ServerlessGov.Functions.Policies.Api;

/// <summary>
/// A policy document as the author sent it: the raw JSON text, kept byte for byte (a rule may be text or JSON, and
/// the author's comments and order survive), while the OpenAPI document still shows its schema.
/// </summary>
public sealed class PolicyDocumentBody : IEndpointParameterMetadataProvider
{
    private PolicyDocumentBody(string json) => Json = json;

    /// <summary>The document text.</summary>
    public string Json { get; }

    /// <summary>Reads the request body as text (at most <see cref="PolicyLifecycle.MaxDocumentBytes"/> bytes plus one, so an oversized body is reported, not truncated silently).</summary>
    public static async ValueTask<PolicyDocumentBody?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reader = new StreamReader(context.Request.Body, System.Text.Encoding.UTF8);
        var buffer = new char[PolicyLifecycle.MaxDocumentBytes + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var count = await reader.ReadAsync(buffer.AsMemory(read), context.RequestAborted).ConfigureAwait(false);
            if (count == 0)
            {
                break;
            }

            read += count;
        }

        return new PolicyDocumentBody(new string(buffer, 0, read));
    }

    /// <summary>Declares the body as a policy document for the OpenAPI document.</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new AcceptsMetadata(["application/json"], typeof(PolicyDto)));
    }
}
