using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Configuration;

/// <summary>
/// What an options validator finds, every problem with its configuration path (<c>DigitalTwin:Twins:{name}:S3Store:Bucket …</c>),
/// all listed in one <see cref="ValidateOptionsResult"/>. A message is only formatted when its check fails.
/// </summary>
/// <param name="twin">The twin (the options' name); <see langword="null"/> is the default twin.</param>
/// <param name="section">The options' section under the twin's, such as <c>S3Store</c>; <see langword="null"/> for the twin's own.</param>
internal sealed class OptionsErrors(string? twin, string? section)
{
    private readonly List<string> _errors = [];

    /// <summary>The options' configuration path, such as <c>DigitalTwin:S3Store</c>.</summary>
    public string Section { get; } = TwinConfiguration.SectionPath(twin ?? DigitalTwinDefaults.TwinName) + (section is null ? "" : ":" + section);

    /// <summary>All that was found: success when nothing was.</summary>
    public ValidateOptionsResult Result => _errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_errors);

    /// <summary>Adds <c>{Section}:{message}</c> when <paramref name="failed"/>; the message names the setting first.</summary>
    public void Check(bool failed, [InterpolatedStringHandlerArgument(nameof(failed))] ref Message message)
    {
        if (failed)
        {
            _errors.Add($"{Section}:{message.ToStringAndClear()}");
        }
    }

    /// <summary>Adds problems found elsewhere (the configuration binder's), which carry their paths.</summary>
    public void AddRange(IEnumerable<string> errors) => _errors.AddRange(errors);

    /// <summary>A message built only when its check fails.</summary>
    [InterpolatedStringHandler]
    public ref struct Message
    {
        private DefaultInterpolatedStringHandler _text;

        public Message(int literalLength, int formattedCount, bool failed, out bool shouldAppend)
        {
            _text = failed ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
            shouldAppend = failed;
        }

        public void AppendLiteral(string value) => _text.AppendLiteral(value);

        public void AppendFormatted(object? value) => _text.AppendFormatted(value);

        public string ToStringAndClear() => _text.ToStringAndClear();
    }
}
