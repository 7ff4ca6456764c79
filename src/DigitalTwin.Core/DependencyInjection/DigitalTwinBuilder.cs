namespace Microsoft.Extensions.DependencyInjection;

internal sealed class DigitalTwinBuilder(string name, IServiceCollection services) : IDigitalTwinBuilder
{
    public string Name { get; } = name;

    public IServiceCollection Services { get; } = services;
}
