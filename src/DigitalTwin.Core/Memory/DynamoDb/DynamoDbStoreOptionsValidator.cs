using System.Text.RegularExpressions;
using DigitalTwin.Configuration;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Memory.DynamoDb;

internal sealed partial class DynamoDbStoreOptionsValidator : IValidateOptions<DynamoDbStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, DynamoDbStoreOptions options)
    {
        var errors = new OptionsErrors(name, "DynamoDbStore");
        errors.Check(string.IsNullOrWhiteSpace(options.TableName) || options.TableName.Length is < 3 or > 255, $"TableName '{options.TableName}' is not a table name: set it (or DYNAMODB_TABLE) to 3 to 255 characters.");
        errors.Check(options.ServiceUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _), $"ServiceUrl '{options.ServiceUrl}' is not an absolute URL: use one like http://127.0.0.1:4567, or leave it empty for AWS.");
        errors.Check(options.Retention is { } retention && retention < TimeSpan.FromMinutes(1), $"Retention is {options.Retention}: use at least 00:01:00 (for example 30.00:00:00 for 30 days), or leave it unset to keep turns.");
        errors.Check(string.IsNullOrWhiteSpace(options.TtlAttributeName) || options.TtlAttributeName is "pk" or "sk" or "turn" or "day" or "meta", $"TtlAttributeName '{options.TtlAttributeName}' cannot be used: name an attribute other than pk, sk, turn, day and meta (default expires_at).");
        errors.Check(options.TurnIndexName is null || !IndexName().IsMatch(options.TurnIndexName), $"TurnIndexName '{options.TurnIndexName}' is not an index name: use 3 to 255 letters, digits, '_', '-' or '.' (default turns-by-day).");
        errors.Check(options.Timeout <= TimeSpan.Zero, $"Timeout is {options.Timeout}: use a positive time span such as 00:00:10.");

        return errors.Result;
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_.-]{3,255}\z")]
    private static partial Regex IndexName();
}
