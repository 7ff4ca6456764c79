using System.Globalization;

namespace DigitalTwin.Persona;

/// <summary>
/// A twin's system prompt. The persona part (<see cref="Prefix"/>) is built once and is byte-identical for every request,
/// so provider prompt caches can reuse it; only the date and time, appended at the very end, change per request.
/// </summary>
public sealed class PersonaPrompt
{
    private readonly string _timeFormat;
    private Rendered? _last; // the prompt of the latest second rendered: requests within one second share it

    internal PersonaPrompt(string prefix, PromptLanguage language, PersonaProfile? persona = null)
    {
        Prefix = prefix;
        Language = language;
        FullName = persona?.FullName ?? string.Empty;
        Name = persona?.Name ?? string.Empty;
        Directory = persona?.Directory ?? string.Empty;
        _timeFormat = language == PromptLanguage.Spanish
            ? "\n\nComo referencia, la fecha y hora actuales son: {0}\n"
            : "\n\nFor reference, the current date and time is: {0}\n";
    }

    private PersonaPrompt(PersonaPrompt prompt, string prefix)
        : this(prefix, prompt.Language)
    {
        (FullName, Name, Directory) = (prompt.FullName, prompt.Name, prompt.Directory);
    }

    /// <summary>This prompt with <paramref name="section"/> appended to its persona part (before the date and time).</summary>
    internal PersonaPrompt Append(string section) => new(this, Prefix + "\n\n" + section.ReplaceLineEndings("\n").Trim());

    /// <summary>The persona part of the prompt: everything but the date and time.</summary>
    public string Prefix { get; }

    /// <summary>The language of the per-request suffix.</summary>
    public PromptLanguage Language { get; }

    /// <summary>The person's full name, as the persona's facts.json gives it (for the chat page's header).</summary>
    internal string FullName { get; }

    /// <summary>The name the person goes by.</summary>
    internal string Name { get; }

    /// <summary>The persona folder's full path (empty when the prompt was not built from a folder).</summary>
    internal string Directory { get; }

    /// <summary>The whole prompt for a request made at <paramref name="now"/> (formatted <c>yyyy-MM-dd HH:mm:ss</c> with its UTC offset).</summary>
    public string Render(DateTimeOffset now)
    {
        var second = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var last = Volatile.Read(ref _last);
        if (last is not null && last.Second.Equals(second) && last.Second.Offset == second.Offset)
        {
            return last.Text;
        }

        var stamp = second.ToString("yyyy-MM-dd HH:mm:ss 'UTC'zzz", CultureInfo.InvariantCulture);
        var text = Prefix + string.Format(CultureInfo.InvariantCulture, _timeFormat, stamp);
        Volatile.Write(ref _last, new Rendered(second, text));
        return text;
    }

    /// <summary>The whole prompt for a request made now according to <paramref name="timeProvider"/> (its local time zone).</summary>
    public string Render(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Render(timeProvider.GetLocalNow());
    }

    private sealed record Rendered(DateTimeOffset Second, string Text);
}
