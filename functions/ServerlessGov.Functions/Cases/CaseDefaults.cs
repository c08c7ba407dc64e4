using Microsoft.Extensions.Configuration.Memory;

namespace ServerlessGov.Functions.Cases;

/// <summary>
/// The cases' default below every other configuration source: Asia/Shanghai as the time zone of timer schedules, so
/// the daily sweep runs just after local midnight. It applies only when the setting is not given.
/// </summary>
public static class CaseDefaults
{
    /// <summary>Adds the default. Call after <c>AddFunctionsHost</c>, which reads local.settings.json.</summary>
    public static IHostApplicationBuilder UseCaseDefaults(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration["WEBSITE_TIME_ZONE"]))
        {
            builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
            {
                InitialData = new Dictionary<string, string?> { ["WEBSITE_TIME_ZONE"] = "Asia/Shanghai" },
            });
        }

        return builder;
    }
}
