using System.Text.RegularExpressions;
using DigitalTwin.Configuration;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Memory.DynamoDb;

internal sealed partial class DynamoDbStoreOptionsValidator : IValidateOptions<DynamoDbStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, DynamoDbStoreOptions options)
    {
        var section = TwinConfiguration.SectionPath(name ?? DigitalTwinDefaults.TwinName) + ":DynamoDbStore";
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.TableName) || options.TableName.Length is < 3 or > 255)
        {
            errors.Add($"{section}:TableName '{options.TableName}' is not a table name: set it (or DYNAMODB_TABLE) to 3 to 255 characters.");
        }

        if (options.ServiceUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            errors.Add($"{section}:ServiceUrl '{url}' is not an absolute URL: use one like http://127.0.0.1:4567, or leave it empty for AWS.");
        }

        if (options.Retention is { } retention && retention < TimeSpan.FromMinutes(1))
        {
            errors.Add($"{section}:Retention is {retention}: use at least 00:01:00 (for example 30.00:00:00 for 30 days), or leave it unset to keep turns.");
        }

        if (string.IsNullOrWhiteSpace(options.TtlAttributeName) || options.TtlAttributeName is "pk" or "sk" or "turn" or "day" or "meta")
        {
            errors.Add($"{section}:TtlAttributeName '{options.TtlAttributeName}' cannot be used: name an attribute other than pk, sk, turn, day and meta (default expires_at).");
        }

        if (options.TurnIndexName is null || !IndexName().IsMatch(options.TurnIndexName))
        {
            errors.Add($"{section}:TurnIndexName '{options.TurnIndexName}' is not an index name: use 3 to 255 letters, digits, '_', '-' or '.' (default turns-by-day).");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{section}:Timeout is {options.Timeout}: use a positive time span such as 00:00:10.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_.-]{3,255}\z")]
    private static partial Regex IndexName();
}
