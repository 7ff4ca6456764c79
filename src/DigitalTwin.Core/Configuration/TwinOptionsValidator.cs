using DigitalTwin.Memory;
using DigitalTwin.Memory.DynamoDb;
using DigitalTwin.Memory.S3;
using DigitalTwin.Notifications;
using DigitalTwin.Providers.Bedrock;
using DigitalTwin.Providers.OpenAI;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Configuration;

/// <summary>
/// Checks a twin's settings when the host starts: each options class lists its own problems (<c>Validate(OptionsErrors)</c>),
/// every one with its configuration path (<c>DigitalTwin:Twins:{name}:S3Store:Bucket …</c>) and what to change.
/// </summary>
internal sealed class TwinOptionsValidator :
    IValidateOptions<DigitalTwinOptions>, IValidateOptions<OpenAIProviderOptions>, IValidateOptions<BedrockOptions>, IValidateOptions<FileStoreOptions>,
    IValidateOptions<S3StoreOptions>, IValidateOptions<DynamoDbStoreOptions>, IValidateOptions<OwnerNotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, DigitalTwinOptions options) => Run(new(name, null), options.Validate);

    public ValidateOptionsResult Validate(string? name, OpenAIProviderOptions options) => Run(new(name, "OpenAI"), options.Validate);

    public ValidateOptionsResult Validate(string? name, BedrockOptions options) => Run(new(name, "Bedrock"), options.Validate);

    public ValidateOptionsResult Validate(string? name, FileStoreOptions options) => Run(new(name, "FileStore"), options.Validate);

    public ValidateOptionsResult Validate(string? name, S3StoreOptions options) => Run(new(name, "S3Store"), options.Validate);

    public ValidateOptionsResult Validate(string? name, DynamoDbStoreOptions options) => Run(new(name, "DynamoDbStore"), options.Validate);

    public ValidateOptionsResult Validate(string? name, OwnerNotificationOptions options) => Run(new(name, "Notifications"), options.Validate);

    private static ValidateOptionsResult Run(OptionsErrors errors, Action<OptionsErrors> validate)
    {
        validate(errors);
        return errors.Result;
    }
}
