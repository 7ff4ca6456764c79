using DigitalTwin.Providers.Bedrock;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses Amazon Bedrock as a twin's model provider.</summary>
public static class BedrockDigitalTwinBuilderExtensions
{
    /// <summary>
    /// Uses Amazon Bedrock (the Converse and ConverseStream APIs) as the twin's model. Settings come from the environment
    /// variables of the original backend (<c>BEDROCK_MODEL_ID</c>, <c>DEFAULT_AWS_REGION</c>, <c>BEDROCK_CONNECT_TIMEOUT</c>,
    /// <c>BEDROCK_READ_TIMEOUT</c>, <c>BEDROCK_MAX_RETRIES</c>, <c>BEDROCK_RETRY_DELAY</c>), then the section
    /// <c>DigitalTwin:Bedrock</c> (or <c>DigitalTwin:Twins:{name}:Bedrock</c>), then <paramref name="configure"/>.
    /// Credentials come from the AWS SDK's default chain unless <see cref="BedrockOptions.Credentials"/> is set.
    /// </summary>
    public static IDigitalTwinBuilder UseBedrock(this IDigitalTwinBuilder builder, Action<BedrockOptions>? configure = null)
        => builder.ConfigureOptions(configure).UseProvider(sp => CreateClient(sp, builder.Name), "UseBedrock()");

    /// <summary>The twin's Bedrock client from its options (validated here, so a bad setting stops the start).</summary>
    internal static BedrockChatClient CreateClient(IServiceProvider services, string twin) => new(
        services.GetRequiredService<IOptionsMonitor<BedrockOptions>>().Get(twin),
        (ILogger?)services.GetService<ILoggerFactory>()?.CreateLogger("DigitalTwin.Providers.Bedrock") ?? NullLogger.Instance,
        services.GetService<TimeProvider>());
}
