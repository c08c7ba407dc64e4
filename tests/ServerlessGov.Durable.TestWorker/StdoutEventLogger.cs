using Microsoft.Extensions.Logging;

namespace ServerlessGov.Durable.TestWorker;

/// <summary>Writes the id of every engine log event to standard output as <c>event:NNNN</c>, so a test can see what happened inside the worker.</summary>
public sealed class StdoutEventLogger : ILoggerProvider, ILogger
{
    private static readonly Lock Gate = new();

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id is >= 7000 and < 7100)
        {
            lock (Gate)
            {
                Console.Out.WriteLine($"event:{eventId.Id}");
                Console.Out.Flush();
            }
        }
    }

    public void Dispose()
    {
    }
}
