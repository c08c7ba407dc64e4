using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ServerlessGov.Storage.Azure;

namespace ServerlessGov.Hosting.Configuration;

/// <summary>Reads <see cref="FunctionsHostSettings"/> from configuration, collecting every invalid value with the key it came from.</summary>
internal sealed class HostSettingsReader
{
    /// <summary>The configuration section host.json is loaded under (so <c>AzureFunctionsJobHost__...</c> environment variables override it, as in Azure).</summary>
    public const string HostSection = "AzureFunctionsJobHost";

    private readonly IConfiguration _configuration;
    private readonly IHostEnvironment _environment;
    private readonly List<string> _errors = [];

    private HostSettingsReader(IConfiguration configuration, IHostEnvironment environment)
    {
        _configuration = configuration;
        _environment = environment;
    }

    /// <summary>Reads the settings; <paramref name="errors"/> lists each invalid key and its rule.</summary>
    public static FunctionsHostSettings Read(IConfiguration configuration, IHostEnvironment environment, out IReadOnlyList<string> errors)
    {
        var reader = new HostSettingsReader(configuration, environment);
        var settings = reader.Read();
        errors = reader._errors;
        return settings;
    }

    /// <summary>Reads only the <c>Auth:*</c> settings, with the same rules, for a host that reads no host.json (the isolated worker).</summary>
    public static AuthSettings ReadAuthSettings(IConfiguration configuration, IHostEnvironment environment, out IReadOnlyList<string> errors)
    {
        var reader = new HostSettingsReader(configuration, environment);
        var auth = reader.ReadAuth();
        errors = reader._errors;
        return auth;
    }

    private FunctionsHostSettings Read()
    {
        var defaults = new FunctionsHostSettings();
        var queueDefaults = new QueuesSettings();
        var batchSize = Int("extensions.queues.batchSize", queueDefaults.BatchSize, 1, 32);
        var queues = new QueuesSettings
        {
            BatchSize = batchSize,
            NewBatchThreshold = Int("extensions.queues.newBatchThreshold", batchSize / 2 * Environment.ProcessorCount, 0, 1000),
            MaxPollingInterval = Span("extensions.queues.maxPollingInterval", queueDefaults.MaxPollingInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(1)),
            VisibilityTimeout = Span("extensions.queues.visibilityTimeout", queueDefaults.VisibilityTimeout, TimeSpan.Zero, TimeSpan.FromDays(7)),
            MaxDequeueCount = Int("extensions.queues.maxDequeueCount", queueDefaults.MaxDequeueCount, 1, 1000),
            MessageEncoding = OneOf("extensions.queues.messageEncoding", "base64", "base64", "none") == "none" ? QueueMessageEncoding.None : QueueMessageEncoding.Base64,
            RunningVisibilityTimeout = Span("extensions.queues.runningVisibilityTimeout", queueDefaults.RunningVisibilityTimeout, TimeSpan.FromSeconds(2), TimeSpan.FromDays(7)),
        };

        var singletonDefaults = new SingletonSettings();
        var singleton = new SingletonSettings
        {
            ListenerLockPeriod = Span("singleton.listenerLockPeriod", singletonDefaults.ListenerLockPeriod, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)),
            ListenerLockRecoveryPollingInterval = Span("singleton.listenerLockRecoveryPollingInterval", singletonDefaults.ListenerLockRecoveryPollingInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)),
        };

        var durableDefaults = new DurableTaskSettings();
        var hubName = HostValue("extensions.durableTask.hubName") ?? durableDefaults.HubName;
        if (!IsHubName(hubName))
        {
            _errors.Add($"extensions.durableTask.hubName must be 3–40 letters and digits starting with a letter (was '{hubName}')");
        }

        var durable = new DurableTaskSettings
        {
            HubName = hubName,
            PartitionCount = Int("extensions.durableTask.storageProvider.partitionCount", durableDefaults.PartitionCount, 1, 16),
            MaxConcurrentActivityFunctions = Int("extensions.durableTask.maxConcurrentActivityFunctions", durableDefaults.MaxConcurrentActivityFunctions, 1, 1000),
            MaxConcurrentBackgroundActivityFunctions = Int("extensions.durableTask.maxConcurrentBackgroundActivityFunctions", durableDefaults.MaxConcurrentBackgroundActivityFunctions, 1, 1000),
            MaxConcurrentOrchestratorFunctions = Int("extensions.durableTask.maxConcurrentOrchestratorFunctions", durableDefaults.MaxConcurrentOrchestratorFunctions, 1, 1000),
        };

        return new FunctionsHostSettings
        {
            FunctionTimeout = Span("functionTimeout", defaults.FunctionTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)),
            RoutePrefix = (HostValue("extensions.http.routePrefix") ?? defaults.RoutePrefix).Trim('/'),
            Queues = queues,
            Singleton = singleton,
            DurableTask = durable,
            Auth = ReadAuth(),
            TimeZone = ReadTimeZone(),
            OtlpEndpoint = ReadOtlpEndpoint(),
        };
    }

    private AuthSettings ReadAuth()
    {
        var section = _configuration.GetSection("Auth");
        var devKey = section["DevSigningKey"];
        if (devKey is not null && !_environment.IsDevelopment())
        {
            // A key anyone can mint tokens with for any role: it opens nothing outside Development, and its presence there is a mistake to stop on.
            _errors.Add($"Auth:DevSigningKey (Auth__DevSigningKey) is a local-development setting and the environment is '{_environment.EnvironmentName}': remove it and use Auth:Authority; development tokens are accepted in the Development environment only");
        }
        else if (devKey is not null && devKey.Length < Security.DevTokenIssuer.MinimumKeyLength)
        {
            _errors.Add($"Auth:DevSigningKey must be at least {Security.DevTokenIssuer.MinimumKeyLength} characters");
        }

        var authority = section["Authority"];
        if (authority is not null && !Uri.TryCreate(authority, UriKind.Absolute, out _))
        {
            _errors.Add($"Auth:Authority must be an absolute URL (was '{authority}')");
        }

        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var child in section.GetSection("FunctionKeys").GetChildren())
        {
            if (string.IsNullOrEmpty(child.Value) || child.Value.Length < 16)
            {
                _errors.Add($"Auth:FunctionKeys:{child.Key} must be at least 16 characters");
                continue;
            }

            keys[child.Key] = child.Value;
        }

        return new AuthSettings
        {
            DevSigningKey = _environment.IsDevelopment() ? devKey : null,
            Authority = authority,
            Audience = section["Audience"] ?? Security.DevTokenIssuer.Audience,
            FunctionKeys = keys,
        };
    }

    private TimeZoneInfo ReadTimeZone()
    {
        var id = _configuration["WEBSITE_TIME_ZONE"];
        if (string.IsNullOrWhiteSpace(id))
        {
            return TimeZoneInfo.Utc;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        _errors.Add($"WEBSITE_TIME_ZONE must be an IANA or Windows time zone id such as 'Asia/Shanghai' (was '{id}')");
        return TimeZoneInfo.Utc;
    }

    private Uri? ReadOtlpEndpoint()
    {
        var value = _configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return uri;
        }

        _errors.Add($"OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute URL (was '{value}')");
        return null;
    }

    private string? HostValue(string dottedKey) => _configuration[HostSection + ":" + dottedKey.Replace('.', ':')];

    private int Int(string key, int fallback, int min, int max)
    {
        var raw = HostValue(key);
        if (raw is null)
        {
            return fallback;
        }

        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            _errors.Add($"{key} must be between {min} and {max} (was '{raw}')");
            return fallback;
        }

        return value;
    }

    private TimeSpan Span(string key, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        var raw = HostValue(key);
        if (raw is null)
        {
            return fallback;
        }

        if (!TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            _errors.Add($"{key} must be a time span (hh:mm:ss) between {min:c} and {max:c} (was '{raw}')");
            return fallback;
        }

        return value;
    }

    private string OneOf(string key, string fallback, params string[] allowed)
    {
        var raw = HostValue(key);
        if (raw is null)
        {
            return fallback;
        }

        var match = allowed.FirstOrDefault(a => string.Equals(a, raw, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            _errors.Add($"{key} must be one of {string.Join(", ", allowed)} (was '{raw}')");
            return fallback;
        }

        return match;
    }

    private static bool IsHubName(string name) =>
        name.Length is >= 3 and <= 40 && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);
}
