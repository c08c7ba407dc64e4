namespace ServerlessGov.Functions.Policies.Api;

/// <summary>
/// Reads a policy document as the author sent it: the raw JSON text, kept byte for byte (a rule may be text or JSON,
/// and the author's comments and order survive). The functions that take one declare its schema with <c>[Consumes]</c>.
/// </summary>
internal static class PolicyDocumentBody
{
    /// <summary>Reads the request body as text (at most <see cref="PolicyLifecycle.MaxDocumentBytes"/> bytes plus one, so an oversized body is reported, not truncated silently).</summary>
    public static async Task<string> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        var buffer = new char[PolicyLifecycle.MaxDocumentBytes + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var count = await reader.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                break;
            }

            read += count;
        }

        return new string(buffer, 0, read);
    }
}
