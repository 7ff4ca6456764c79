using System.Globalization;
using DigitalTwin.Conversations;
using DigitalTwin.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DigitalTwin.AspNetCore.Health;

/// <summary>
/// Readiness: every twin has a model provider configured; with <see cref="DigitalTwinHealthCheckOptions.ProbeProvider"/>,
/// each model also answers a one-token request within <see cref="DigitalTwinHealthCheckOptions.ProbeTimeout"/>.
/// </summary>
internal sealed class TwinProviderHealthCheck(IDigitalTwinCatalog catalog, IOptions<DigitalTwinHealthCheckOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var name in catalog.Names)
        {
            if (catalog.Find(name)?.GetService<IChatClient>() is not { } model)
            {
                continue;
            }

            if (model.GetService<UnconfiguredChatClient>() is not null)
            {
                return HealthCheckResult.Unhealthy($"Twin '{name}' has no model provider configured: set OPENAI_API_KEY with .UseOpenAI(), or configure another provider.", data: data);
            }

            if (!settings.ProbeProvider)
            {
                data[name] = "configured";
                continue;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.ProbeTimeout);
            try
            {
                await model.GetResponseAsync(
                    [new ChatMessage(ChatRole.User, "Reply with the single word: ok")],
                    new ChatOptions { MaxOutputTokens = 1 },
                    timeout.Token).ConfigureAwait(false);
                data[name] = "answered";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture, $"The model of twin '{name}' did not answer within {settings.ProbeTimeout.TotalSeconds:0.#} s."), data: data);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var failure = ex is ChatProviderException provider ? provider.Failure : ProviderErrors.Wrap(ex).Failure;
                return HealthCheckResult.Unhealthy($"The model of twin '{name}' failed the test call ({failure}).", ex, data);
            }
        }

        return HealthCheckResult.Healthy(settings.ProbeProvider ? "Every twin's model answered a test call." : "Every twin has a model provider configured.", data);
    }
}
