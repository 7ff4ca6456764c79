using DigitalTwin.Configuration;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Memory;

internal sealed class FileStoreOptionsValidator : IValidateOptions<FileStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, FileStoreOptions options)
    {
        var section = TwinConfiguration.SectionPath(name ?? DigitalTwinDefaults.TwinName) + ":FileStore";
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            errors.Add($"{section}:Directory is empty: set it (or MEMORY_DIR) to a folder the app can write to.");
        }

        if (options.LockTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{section}:LockTimeout is {options.LockTimeout}: use a positive time span such as 00:00:10.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
