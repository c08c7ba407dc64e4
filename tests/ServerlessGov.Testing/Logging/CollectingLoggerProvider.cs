using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ServerlessGov.Testing.Logging;

/// <summary>Keeps the messages written to one logger category, to check what a user would see in the logs.</summary>
public sealed class CollectingLoggerProvider(string category) : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName == category);

    public void Dispose()
    {
    }

    private sealed class Collector(CollectingLoggerProvider owner, bool enabled) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => enabled;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (enabled)
            {
                owner.Lines.Enqueue(formatter(state, exception));
            }
        }
    }
}
