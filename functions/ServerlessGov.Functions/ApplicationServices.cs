using ServerlessGov.Functions.Subjects;
using ServerlessGov.Storage;

namespace ServerlessGov.Functions;

/// <summary>Everything the function app registers, in one place, so <c>Program.cs</c> stays a table of contents.</summary>
public static class ApplicationServices
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddServerlessGovStorage(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSubjects(builder.Configuration, builder.Environment);
        builder.Services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return builder;
    }
}
