using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

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

    /// <summary>Fails validation of <typeparamref name="TOptions"/> with the values the binder could not convert.</summary>
    internal sealed class Validator<TOptions>(OptionsBindingErrors errors) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var found = errors.Get<TOptions>(name ?? Options.DefaultName);
            return found.Count == 0 ? ValidateOptionsResult.Skip : ValidateOptionsResult.Fail(found);
        }
    }
}
