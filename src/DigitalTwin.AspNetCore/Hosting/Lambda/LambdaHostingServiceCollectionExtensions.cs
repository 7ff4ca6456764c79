using DigitalTwin.AspNetCore.Hosting.Lambda;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Runs the ASP.NET Core app on AWS Lambda, with its own Runtime API host.</summary>
public static class LambdaHostingServiceCollectionExtensions
{
    private const string SectionName = "DigitalTwin:Lambda";

    /// <summary>
    /// When the process runs on AWS Lambda (the <c>AWS_LAMBDA_RUNTIME_API</c> variable is set), replaces Kestrel with a server
    /// that takes requests from Lambda's Runtime API: API Gateway REST (payload 1.0), HTTP API (1.0 and 2.0) and Function URL
    /// events become ordinary HttpContexts, so the same endpoints serve both. Elsewhere it changes nothing and Kestrel serves.
    /// Settings: section <c>DigitalTwin:Lambda</c>, the <c>DIGITALTWIN_LAMBDA_STREAMING</c> variable, then <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Changes the settings after configuration has been read, for example to turn on response streaming.</param>
    public static IServiceCollection AddDigitalTwinLambdaHosting(this IServiceCollection services, Action<LambdaHostingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        var options = services.AddOptions<LambdaHostingOptions>().BindConfiguration(SectionName);
        options.Configure<IConfiguration>((o, configuration) =>
        {
            if (bool.TryParse(configuration["DIGITALTWIN_LAMBDA_STREAMING"], out var streaming))
            {
                o.ResponseStreaming = streaming;
            }
        });
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(LambdaStartupFailure.RuntimeApiVariable)))
        {
            LambdaStartupFailure.Watch();
            services.RemoveAll<IServer>();
            services.AddSingleton<IServer, LambdaServer>();
        }

        return services;
    }
}
