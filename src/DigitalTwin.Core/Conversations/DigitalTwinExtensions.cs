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
        var own = twin.GetService<Twin>() ?? throw new NotSupportedException("Only twins registered with AddDigitalTwin can render their prompt.");
        var prompt = await own.GetPromptAsync().ConfigureAwait(false);
        return prompt.Render(timeProvider ?? TimeProvider.System);
    }

    /// <summary>Asks the twin for one of its parts (see <see cref="IDigitalTwin.GetService"/>); <see langword="null"/> when it has none.</summary>
    public static TService? GetService<TService>(this IDigitalTwin twin, object? serviceKey = null)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(twin);
        return twin.GetService(typeof(TService), serviceKey) as TService;
    }
}
