using Azure.Core;

namespace ServerlessGov.Storage.Azure.Http;

/// <summary>
/// Decides what the pipeline retries: 408, 429, 500, 502, 503 and 504, and transport failures. Azure.Core's retry
/// policy only looks at responses marked as errors, so every status of 400 and above is one; the adapters map
/// statuses to <see cref="StorageException"/> themselves (the pipeline throws nothing).
/// </summary>
internal sealed class StorageResponseClassifier : ResponseClassifier
{
    public override bool IsRetriableResponse(HttpMessage message) =>
        message.Response.Status is 408 or 429 or 500 or 502 or 503 or 504;

    public override bool IsErrorResponse(HttpMessage message) => message.Response.Status >= 400;
}
