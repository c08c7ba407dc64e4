namespace ServerlessGov.Durable;

/// <summary>
/// The input type an orchestrator declares when it reads its input only through <c>GetInput&lt;T&gt;</c>, as an
/// isolated-worker <c>[Function]</c> orchestrator does: the engine then reads the serialized input once, as the type
/// that call names, instead of reading it first for the declaration and again for the call. The orchestrator's input
/// argument is always null.
/// </summary>
public sealed class InputReadOnDemand
{
    private InputReadOnDemand()
    {
    }
}
