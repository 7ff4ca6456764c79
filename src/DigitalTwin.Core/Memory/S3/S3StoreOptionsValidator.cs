using DigitalTwin.Configuration;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Memory.S3;

internal sealed class S3StoreOptionsValidator : IValidateOptions<S3StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, S3StoreOptions options)
    {
        var errors = new OptionsErrors(name, "S3Store");
        errors.Check(string.IsNullOrWhiteSpace(options.Bucket), $"Bucket is empty: set it or S3_BUCKET to the bucket that keeps the conversations.");
        errors.Check(options.KeyPrefix is null || options.KeyPrefix.StartsWith('/'), $"KeyPrefix '{options.KeyPrefix}' is not valid: leave it empty or use a prefix like 'conversations/' (no leading '/').");
        errors.Check(options.ServiceUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _), $"ServiceUrl '{options.ServiceUrl}' is not an absolute URL: use one like http://127.0.0.1:4568, or leave it empty for AWS S3.");
        errors.Check(!Enum.IsDefined(options.ServerSideEncryption), $"ServerSideEncryption '{options.ServerSideEncryption}' is not supported: use None, Aes256 or Kms.");
        errors.Check(!string.IsNullOrEmpty(options.KmsKeyId) && options.ServerSideEncryption != S3ServerSideEncryption.Kms, $"KmsKeyId is set but ServerSideEncryption is {options.ServerSideEncryption}: set ServerSideEncryption to Kms, or remove KmsKeyId.");
        errors.Check(options.MaxParallelReads is < 1 or > 256, $"MaxParallelReads is {options.MaxParallelReads}: use 1 to 256 (default 16).");
        errors.Check(options.Timeout <= TimeSpan.Zero, $"Timeout is {options.Timeout}: use a positive time span such as 00:00:10.");

        return errors.Result;
    }
}
