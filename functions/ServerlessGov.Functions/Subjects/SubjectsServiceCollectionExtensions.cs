using Microsoft.Extensions.Options;
using ServerlessGov.Functions.Subjects.Registry;

namespace ServerlessGov.Functions.Subjects;

/// <summary>Registers the subject registry (pseudonyms, validation, the <see cref="ISubjectFactsReader"/>), configured from <c>Subjects</c>.</summary>
public static class SubjectsServiceCollectionExtensions
{
    /// <summary>
    /// The pseudonym key used when none is configured in the Development environment only (like Azurite's
    /// well-known account key: public, so never for real data). Any other environment refuses to start without one.
    /// </summary>
    public const string DevelopmentPseudonymKey = "c2VydmVybGVzc2dvdi1kZXZlbG9wbWVudC1wc2V1ZG9ueW0ta2V5LW5vdC1zZWNyZXQ=";

    /// <summary>Registers the registry's services. Needs an <c>ITableStore</c> and a <see cref="TimeProvider"/>.</summary>
    public static IServiceCollection AddSubjects(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        services.AddOptions<SubjectRegistryOptions>()
            .Bind(configuration.GetSection(SubjectRegistryOptions.Section))
            .PostConfigure(options =>
            {
                if (string.IsNullOrEmpty(options.PseudonymKey) && environment.IsDevelopment())
                {
                    options.PseudonymKey = DevelopmentPseudonymKey;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SubjectPseudonyms>();
        services.AddSingleton<SubjectRegistry>();
        services.AddSingleton<ISubjectFactsReader>(sp => sp.GetRequiredService<SubjectRegistry>());
        services.AddSingleton<SubjectRecordValidator>();
        services.AddSingleton<Import.ImportJobStore>();
        services.AddSingleton<Import.SubjectImporter>();
        services.AddSingleton<Changes.SubjectChangesHandler>();
        return services;
    }

    /// <summary>A registry over <paramref name="tables"/> without a container (commands, benchmarks, tests).</summary>
    public static (SubjectRegistry Registry, SubjectRecordValidator Validator) CreateRegistry(
        Storage.Tables.ITableStore tables, string pseudonymKey, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var pseudonyms = new SubjectPseudonyms(Options.Create(new SubjectRegistryOptions { PseudonymKey = pseudonymKey }));
        return (new SubjectRegistry(tables, time), new SubjectRecordValidator(pseudonyms, time));
    }
}
