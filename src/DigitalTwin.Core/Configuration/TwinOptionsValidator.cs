using Microsoft.Extensions.Options;

namespace DigitalTwin.Configuration;

/// <summary>An options class of a twin: where it lives under the twin's section, and its own checks.</summary>
internal interface ITwinOptions
{
    /// <summary>The section under the twin's (<c>S3Store</c>); <see langword="null"/> for the twin's own settings.</summary>
    static abstract string? Section { get; }

    /// <summary>Adds the problems of these settings to <paramref name="errors"/>, each with its configuration path.</summary>
    void Validate(OptionsErrors errors);
}

/// <summary>
/// Checks a twin's <typeparamref name="TOptions"/> when the host starts and lists every problem with its configuration path
/// (<c>DigitalTwin:Twins:{name}:S3Store:Bucket …</c>): the values the configuration binder could not convert
/// (<see cref="OptionsBindingErrors"/>), then the options' own checks.
/// </summary>
internal sealed class TwinOptionsValidator<TOptions>(OptionsBindingErrors binding) : IValidateOptions<TOptions>
    where TOptions : class, ITwinOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = new OptionsErrors(name, TOptions.Section);
        errors.AddRange(binding.Get<TOptions>(name ?? Options.DefaultName));
        options.Validate(errors);
        return errors.Result;
    }
}
