using DigitalTwin.Configuration;

namespace DigitalTwin.Memory;

/// <summary>Settings of the file conversation store (section <c>DigitalTwin:FileStore</c>).</summary>
public sealed class FileStoreOptions : ITwinOptions
{
    /// <summary>The folder conversations are kept in. Default <c>memory</c> (relative to the working directory), or the original twin's <c>MEMORY_DIR</c> variable.</summary>
    public string Directory { get; set; } = "memory";

    /// <summary>Whether each append is flushed to the disk before it is acknowledged (survives power loss). Default <see langword="true"/>.</summary>
    public bool FlushToDisk { get; set; } = true;

    /// <summary>How long an append or read waits for another process's lock on the same session file. Default 10 seconds.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether each stored turn is also recorded in the twin's per-day turn journal (<c>{Directory}/{twin}/_index/{yyyy-MM-dd}.jsonl</c>,
    /// no message text), which conversation analytics read. Default <see langword="true"/>; with <see langword="false"/>,
    /// analytics see no turns stored meanwhile.
    /// </summary>
    public bool WriteTurnIndex { get; set; } = true;

    internal static void FromEnvironment(FileStoreOptions options, Func<string, string?> setting)
    {
        if (setting("MEMORY_DIR") is { } directory)
        {
            options.Directory = directory;
        }
    }

    static string? ITwinOptions.Section => "FileStore";

    void ITwinOptions.Validate(OptionsErrors errors)
    {
        errors.Check(string.IsNullOrWhiteSpace(Directory), $"Directory is empty: set it (or MEMORY_DIR) to a folder the app can write to.");
        errors.Check(LockTimeout <= TimeSpan.Zero, $"LockTimeout is {LockTimeout}: use a positive time span such as 00:00:10.");
    }
}
