namespace DigitalTwin.Conversations;

/// <summary>Conveniences over <see cref="IDigitalTwin"/>.</summary>
public static class DigitalTwinExtensions
{
    /// <summary>
    /// The system prompt the twin would send now (persona part plus the current date and time): for <c>--print-prompt</c>
    /// switches and for checking what the twin read from its persona folder. Works without a model provider.
    /// </summary>
    /// <exception cref="NotSupportedException">The twin is not one created by <c>AddDigitalTwin</c>.</exception>
    public static async Task<string> RenderSystemPromptAsync(this IDigitalTwin twin, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(twin);
        var own = twin as Twin ?? throw new NotSupportedException("Only twins registered with AddDigitalTwin can render their prompt.");
        var prompt = await own.GetPromptAsync().ConfigureAwait(false);
        return prompt.Render(timeProvider ?? TimeProvider.System);
    }
}
