using DigitalTwin.Configuration;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Memory.S3;

internal sealed class S3StoreOptionsValidator : IValidateOptions<S3StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, S3StoreOptions options)
    {
        var section = TwinConfiguration.SectionPath(name ?? DigitalTwinDefaults.TwinName) + ":S3Store";
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Bucket))
        {
            errors.Add($"{section}:Bucket is empty: set it or S3_BUCKET to the bucket that keeps the conversations.");
        }

        if (options.KeyPrefix is null || options.KeyPrefix.StartsWith('/'))
        {
            errors.Add($"{section}:KeyPrefix '{options.KeyPrefix}' is not valid: leave it empty or use a prefix like 'conversations/' (no leading '/').");
        }

        if (options.ServiceUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            errors.Add($"{section}:ServiceUrl '{url}' is not an absolute URL: use one like http://127.0.0.1:4568, or leave it empty for AWS S3.");
        }

        if (!Enum.IsDefined(options.ServerSideEncryption))
        {
            errors.Add($"{section}:ServerSideEncryption '{options.ServerSideEncryption}' is not supported: use None, Aes256 or Kms.");
        }

        if (!string.IsNullOrEmpty(options.KmsKeyId) && options.ServerSideEncryption != S3ServerSideEncryption.Kms)
        {
            errors.Add($"{section}:KmsKeyId is set but ServerSideEncryption is {options.ServerSideEncryption}: set ServerSideEncryption to Kms, or remove KmsKeyId.");
        }

        if (options.MaxParallelReads is < 1 or > 256)
        {
            errors.Add($"{section}:MaxParallelReads is {options.MaxParallelReads}: use 1 to 256 (default 16).");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{section}:Timeout is {options.Timeout}: use a positive time span such as 00:00:10.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
