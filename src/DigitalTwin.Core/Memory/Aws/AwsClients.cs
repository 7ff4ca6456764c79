using System.Diagnostics.CodeAnalysis;
using Amazon;
using Amazon.Runtime;
using DigitalTwin.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Memory.Aws;

/// <summary>
/// The one pattern the S3 and DynamoDB stores get their AWS client by: a client registered in dependency injection (keyed by
/// the twin's name, else unkeyed) is used as it is and left to the container; otherwise the store creates and owns one,
/// configured by <see cref="Configure{TConfig}"/> from its options (<see cref="CreateStore"/>).
/// </summary>
internal static class AwsClients
{
    /// <summary>
    /// The store of <paramref name="twin"/> for dependency injection: its options by name, the registered client or a new one
    /// from <paramref name="createClient"/> (which the store then owns and disposes), the clock and a logger.
    /// </summary>
    public static TStore CreateStore<TClient, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, TStore>(
        IServiceProvider services, string twin, string section, string logCategory, Func<TOptions, TClient> createClient,
        Func<TClient, bool, TOptions, TimeProvider, ILogger, TStore> createStore)
        where TClient : class
        where TOptions : class
    {
        var options = services.GetRequiredService<IOptionsMonitor<TOptions>>().Get(twin);
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(logCategory) ?? NullLogger.Instance;
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        if ((services.GetKeyedService<TClient>(twin) ?? services.GetService<TClient>()) is { } registered)
        {
            return createStore(registered, false, options, time, logger);
        }

        TClient created;
        try
        {
            created = createClient(options);
        }
        catch (AmazonClientException ex)
        {
            throw new InvalidOperationException(
                $"The {section} could not create its AWS client ({ex.Message}): set {TwinConfiguration.SectionPath(twin)}:{section}:Region, " +
                "or AWS_REGION (or a region in the AWS profile), or ServiceUrl for a local or compatible server.", ex);
        }

        return createStore(created, true, options, time, logger);
    }

    /// <summary>
    /// The settings every store client shares: the store's timeout around standard retries (two after the first attempt),
    /// a local endpoint signed for <paramref name="region"/> (default us-east-1) or the region's AWS endpoint, and an optional
    /// HTTP factory (tests count requests).
    /// </summary>
    public static TConfig Configure<TConfig>(TConfig config, string? serviceUrl, string? region, TimeSpan timeout, HttpClientFactory? httpClientFactory)
        where TConfig : ClientConfig
    {
        config.Timeout = timeout;
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = 2;
        if (!string.IsNullOrWhiteSpace(serviceUrl))
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = string.IsNullOrWhiteSpace(region) ? "us-east-1" : region;
        }
        else if (!string.IsNullOrWhiteSpace(region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        if (httpClientFactory is not null)
        {
            config.HttpClientFactory = httpClientFactory;
        }

        return config;
    }
}
