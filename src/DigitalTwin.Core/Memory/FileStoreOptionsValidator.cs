using Microsoft.Extensions.Options;

namespace DigitalTwin.Memory;

internal sealed class FileStoreOptionsValidator : IValidateOptions<FileStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, FileStoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            return ValidateOptionsResult.Fail("DigitalTwin:FileStore:Directory is empty: set it (or MEMORY_DIR) to a folder the app can write to.");
        }

        if (options.LockTimeout <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail($"DigitalTwin:FileStore:LockTimeout is {options.LockTimeout}: use a positive time span such as 00:00:10.");
        }

        return ValidateOptionsResult.Success;
    }
}
