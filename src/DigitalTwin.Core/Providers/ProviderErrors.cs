using System.Net.Sockets;
using System.Text.Json;

namespace DigitalTwin.Providers;

/// <summary>Turns unexpected provider exceptions into <see cref="ChatProviderException"/>s with a failure kind.</summary>
internal static class ProviderErrors
{
    /// <summary>Whether <paramref name="ex"/> should be wrapped: anything but the caller's own cancellation.</summary>
    public static bool ShouldWrap(Exception ex, CancellationToken callerToken) =>
        !(ex is OperationCanceledException && callerToken.IsCancellationRequested);

    public static ChatProviderException Wrap(Exception ex) => ex switch
    {
        ChatProviderException known => known,
        OperationCanceledException or TimeoutException => new(ChatProviderFailure.Timeout, "The model provider did not answer in time.", ex),
        HttpRequestException or SocketException or IOException => new(ChatProviderFailure.Unavailable, "The model provider could not be reached.", ex),
        JsonException or FormatException => new(ChatProviderFailure.InvalidResponse, "The model provider's answer could not be read.", ex),
        _ => new(ChatProviderFailure.Unavailable, $"The model provider failed ({ex.GetType().Name}).", ex),
    };
}
