using System.Collections.Concurrent;

namespace DigitalTwin.Configuration;

/// <summary>
/// Settings the configuration binder could not convert, per options type and twin, kept until validation reports them
/// (with every other error of that options class) when the host starts.
/// </summary>
internal sealed class OptionsBindingErrors
{
    private readonly ConcurrentDictionary<(Type Type, string Name), IReadOnlyList<string>> _errors = new();

    public void Set<TOptions>(string name, IReadOnlyList<string> errors) => _errors[(typeof(TOptions), name)] = errors;

    public IReadOnlyList<string> Get<TOptions>(string name) => _errors.TryGetValue((typeof(TOptions), name), out var errors) ? errors : [];
}
