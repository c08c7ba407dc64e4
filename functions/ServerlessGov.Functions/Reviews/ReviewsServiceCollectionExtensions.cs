using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessGov.Domain.Calendar;
using ServerlessGov.Domain.Sla;
using ServerlessGov.Functions.Audit;
using ServerlessGov.Functions.Notifications;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Reviews;

/// <summary>Registers the review feature: options from <c>Reviews</c>, the working calendar, the worklist, the ladder, the sweep, the escalation handler and the SLA report.</summary>
public static class ReviewsServiceCollectionExtensions
{
    /// <summary>Adds the review services (and the notification path they send escalations through).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddReviews(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ReviewOptions>().Bind(configuration.GetSection(ReviewOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new AuditTrail(sp.GetRequiredService<ITableStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddNotifications(configuration);
        services.TryAddSingleton(sp => CreateCalendar(sp.GetRequiredService<IOptions<ReviewOptions>>().Value, sp.GetService<IHostEnvironment>()?.ContentRootPath));
        services.TryAddSingleton(sp => new SlaClock(sp.GetRequiredService<WorkingCalendar>()));
        services.TryAddSingleton<ReviewLadder>();
        services.TryAddSingleton(sp => new ReviewItemStore(sp.GetRequiredService<ITableStore>()));
        services.TryAddSingleton(sp => new ReviewSlaResolver(sp.GetRequiredService<IOptions<ReviewOptions>>(), sp, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<EscalationQueue>();
        services.TryAddSingleton(sp => new ReviewWorklist(
            sp.GetRequiredService<ReviewItemStore>(),
            sp.GetRequiredService<ReviewSlaResolver>(),
            sp.GetRequiredService<ReviewLadder>(),
            sp.GetRequiredService<EscalationQueue>(),
            sp.GetRequiredService<AuditTrail>(),
            sp.GetRequiredService<DurableTaskClient>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ReviewWorklist>>()));
        services.TryAddSingleton<IReviewDesk>(sp => sp.GetRequiredService<ReviewWorklist>());
        services.TryAddSingleton<ReviewSweep>();
        services.TryAddSingleton<ReviewEscalationHandler>();
        services.TryAddSingleton<SlaReport>();
        return services;
    }

    /// <summary>The shipped years plus the configured year files, with business hours when both ends are set.</summary>
    /// <exception cref="FormatException">A calendar file is not a valid year document.</exception>
    /// <exception cref="InvalidOperationException">Only one end of the business hours is set.</exception>
    internal static WorkingCalendar CreateCalendar(ReviewOptions options, string? contentRoot)
    {
        var years = options.CalendarFiles
            .Select(path => CalendarYear.Parse(File.ReadAllText(Path.IsPathRooted(path) || contentRoot is null ? path : Path.Combine(contentRoot, path))))
            .ToList();
        BusinessHours? hours = (options.BusinessHoursStart, options.BusinessHoursEnd) switch
        {
            (null, null) => null,
            ({ } start, { } end) => new BusinessHours(TimeOnly.FromTimeSpan(start), TimeOnly.FromTimeSpan(end)),
            _ => throw new InvalidOperationException("Reviews:BusinessHoursStart and Reviews:BusinessHoursEnd must be set together."),
        };
        var shipped = WorkingCalendar.ShippedYears().Where(y => years.All(c => c.Year != y.Year));
        return new WorkingCalendar(shipped.Concat(years), hours);
    }
}
