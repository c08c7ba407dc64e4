namespace ServerlessGov.Functions.Enterprises.Dispatch;

/// <summary>
/// The queue message a send runs for, as the queue trigger describes it (the worker binds these by name): the
/// dispatcher retries by its dequeue count and dead-letters it to <c>&lt;queue&gt;-poison</c> with these details.
/// </summary>
/// <param name="FunctionName">The function that received it.</param>
/// <param name="QueueName">The queue it came from.</param>
/// <param name="MessageId">The storage message id, stable across retries.</param>
/// <param name="DequeueCount">How many times it has been received, this time included.</param>
/// <param name="InsertedOn">When it was first sent.</param>
public sealed record ReceivedMessage(string FunctionName, string QueueName, string MessageId, long DequeueCount, DateTimeOffset InsertedOn);
