using DigitalTwin.Configuration;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Memory;

internal sealed class FileStoreOptionsValidator : IValidateOptions<FileStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, FileStoreOptions options)
    {
        var errors = new OptionsErrors(name, "FileStore");
        errors.Check(string.IsNullOrWhiteSpace(options.Directory), $"Directory is empty: set it (or MEMORY_DIR) to a folder the app can write to.");
        errors.Check(options.LockTimeout <= TimeSpan.Zero, $"LockTimeout is {options.LockTimeout}: use a positive time span such as 00:00:10.");

        return errors.Result;
    }
}
