using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Durable;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Observability;

namespace ServerlessGov.Hosting.Durable;

/// <summary>
/// An activity run through the host's invoker, so it gets the same log scope, span, metrics and functionTimeout as
/// any function, and a service scope per call.
/// </summary>
internal sealed class ObservedActivity<TInput, TOutput>(
    string name,
    FunctionInvoker invoker,
    IServiceScopeFactory scopes,
    Func<TaskActivityContext, TInput, FunctionContext, CancellationToken, Task<TOutput>> handler) : TaskActivity<TInput, TOutput>
{
    public override async Task<TOutput> RunAsync(TaskActivityContext context, TInput input)
    {
        var cancellationToken = ActivityShutdown.TokenOf(context);
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await invoker.InvokeAsync(name, TriggerKind.Activity, (invocationId, token) =>
                handler(context, input, new FunctionContext(name, invocationId, scope.ServiceProvider), token), cancellationToken).ConfigureAwait(false);
        }
    }
}
