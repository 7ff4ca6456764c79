using System.Globalization;
using System.Text.RegularExpressions;
using DigitalTwin.Memory.S3;
using DigitalTwin.Persona;
using Microsoft.Extensions.Configuration;

namespace DigitalTwin.Configuration;

/// <summary>
/// Binds a section with the source-generated binder and turns its conversion failures into messages a user can act on:
/// the setting's path, the value given, and what is allowed (the names of an enum). Binding goes on without each bad value,
/// so one start reports every one of them.
/// </summary>
internal static partial class ConfigurationBinding
{
    private const int MaxErrors = 20;

    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        [typeof(PromptLanguage).FullName!] = "use " + string.Join(" or ", Enum.GetNames<PromptLanguage>()),
        [typeof(Notifications.OwnerNotificationFormat).FullName!] = "use " + string.Join(", ", Enum.GetNames<Notifications.OwnerNotificationFormat>()),
        [typeof(S3ServerSideEncryption).FullName!] = "use " + string.Join(", ", Enum.GetNames<S3ServerSideEncryption>()),
        [typeof(TwinProviderKind).FullName!] = "use " + string.Join(" or ", Enum.GetNames<TwinProviderKind>().Where(n => n != nameof(TwinProviderKind.None))),
        [typeof(TwinStoreKind).FullName!] = "use " + string.Join(", ", Enum.GetNames<TwinStoreKind>().Where(n => n != nameof(TwinStoreKind.None))),
        ["System.Int32"] = "use a whole number",
        ["System.Int64"] = "use a whole number",
        ["System.Double"] = "use a number such as 0.5",
        ["System.Single"] = "use a number such as 0.5",
        ["System.Decimal"] = "use a number such as 0.15",
        ["System.Boolean"] = "use true or false",
        ["System.TimeSpan"] = "use a time span such as 00:00:30",
        ["System.Uri"] = "use an absolute address such as https://example.com/",
    };

    public static IReadOnlyList<string> Bind<TOptions>(IConfiguration configuration, string path, TOptions options, Action<IConfiguration, TOptions> bind)
    {
        var section = configuration.GetSection(path);
        var errors = new List<string>();
        var skipped = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        IConfiguration source = section;
        while (true)
        {
            try
            {
                bind(source, options);
                return errors;
            }
            catch (InvalidOperationException ex) when (Failure(ex) is { } failure && errors.Count < MaxErrors && skipped.Add(failure.Path))
            {
                errors.Add(Describe(failure, configuration[failure.Path]));
                source = Without(section, path, skipped);
            }
        }
    }

    private static string Describe((string Path, string Type) failure, string? value)
    {
        var type = Nullable(failure.Type);
        var hint = Allowed.TryGetValue(type, out var allowed) ? allowed : $"use a value of type {type}";
        return string.Create(CultureInfo.InvariantCulture, $"{failure.Path} is '{value}': {hint}.");
    }

    private static string Nullable(string type) =>
        NullableType().Match(type) is { Success: true } m ? m.Groups[1].Value : type;

    private static (string Path, string Type)? Failure(InvalidOperationException ex) =>
        FailedConversion().Match(ex.Message) is { Success: true } m ? (m.Groups["path"].Value, m.Groups["type"].Value) : null;

    /// <summary>A copy of the section's values without the skipped paths, rooted like the section so binding finds the same keys.</summary>
    private static IConfigurationSection Without(IConfigurationSection section, string path, HashSet<string> skipped)
    {
        var values = section.AsEnumerable().Where(kv => kv.Value is not null && !skipped.Contains(kv.Key));
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(path);
    }

    [GeneratedRegex(@"at '(?<path>[^']+)' to type '(?<type>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex FailedConversion();

    [GeneratedRegex(@"^System\.Nullable`1\[\[?([^,\]]+)", RegexOptions.CultureInvariant)]
    private static partial Regex NullableType();
}
