namespace ServerlessGov.Functions.Operations;

/// <summary>Registers the dashboard's service, one line of <c>AddApplicationServices</c>.</summary>
public static class OperationsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="OperationsDashboard"/>.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<OperationsDashboard>();
        return services;
    }
}
