using System.Net;

namespace ServerlessGov.WebConsole.Api;

/// <summary>An API answer that is not a success, with the problem details the API sent (title, detail, fields and their rules).</summary>
public sealed class ApiException : Exception
{
    public ApiException(HttpStatusCode status, ApiProblem problem)
        : base(problem?.Title ?? status.ToString())
    {
        Status = status;
        Problem = problem ?? new ApiProblem();
    }

    public ApiException()
        : this(HttpStatusCode.InternalServerError, new ApiProblem())
    {
    }

    public ApiException(string message)
        : base(message)
    {
        Problem = new ApiProblem { Title = message };
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = new ApiProblem { Title = message };
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>What the API said was wrong.</summary>
    public ApiProblem Problem { get; }
}
