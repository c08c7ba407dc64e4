using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Http.Converters;

namespace ServerlessGov.Functions.Worker;

/// <summary>
/// The body a function's <c>[FromBody]</c> parameter gets in the worker: the value <see cref="WorkerRequestValidation"/>
/// read with the app's HTTP JSON options, as the local runtime reads it, rather than the ASP.NET Core integration's
/// MVC model binding, whose JSON options the app does not configure (enums as names would not bind).
/// </summary>
internal sealed class CheckedRequestBody(object? body, Type bodyType) : IFromBodyConversionFeature
{
    public ValueTask<object?> ConvertAsync(FunctionContext context, Type targetType) =>
        targetType == bodyType
            ? ValueTask.FromResult(body)
            : throw new InvalidOperationException($"The request body was read as {bodyType.Name}; the function asks for {targetType.Name}.");
}
