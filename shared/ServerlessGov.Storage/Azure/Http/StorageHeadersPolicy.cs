using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ServerlessGov.Storage.Azure.Http;

/// <summary>Stamps every attempt with the service version and a fresh <c>x-ms-date</c> (signatures cover the date, so each retry needs its own).</summary>
internal sealed class StorageHeadersPolicy(string serviceVersion, TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        message.Request.Headers.SetValue("x-ms-version", serviceVersion);
        message.Request.Headers.SetValue("x-ms-date", timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
    }
}
