namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Configures one twin registered with <c>AddDigitalTwin</c>: its model provider (<c>UseOpenAI</c>, <c>UseBedrock</c>,
/// <c>UseChatClient</c>) and its conversation store (<c>UseFileStore</c>, <c>UseInMemoryStore</c>, …).
/// </summary>
public interface IDigitalTwinBuilder
{
    /// <summary>The twin's name; services for this twin are registered as keyed services under it.</summary>
    string Name { get; }

    /// <summary>The application's services.</summary>
    IServiceCollection Services { get; }
}
