using System.Globalization;
using System.Text;

namespace DigitalTwin;

/// <summary>Default names and values shared by the DigitalTwin packages.</summary>
public static class DigitalTwinDefaults
{
    /// <summary>The name of the twin registered by <c>AddDigitalTwin()</c> without a name: <c>"default"</c>.</summary>
    public const string TwinName = "default";

    /// <summary>The configuration section options are bound from: <c>"DigitalTwin"</c>.</summary>
    public const string ConfigurationSection = "DigitalTwin";

    /// <summary>Maps a twin name to a storage-safe name: lowercase ASCII letters, digits and '-' kept, anything else as _xx hex.</summary>
    public static string ToStorageName(string twinName)
    {
        ArgumentException.ThrowIfNullOrEmpty(twinName);
        var sb = new StringBuilder(twinName.Length);
        foreach (var b in Encoding.UTF8.GetBytes(twinName))
        {
            var c = (char)b;
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('_').Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
