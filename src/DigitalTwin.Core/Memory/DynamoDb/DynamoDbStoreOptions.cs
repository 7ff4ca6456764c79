using System.Text.RegularExpressions;
using DigitalTwin.Configuration;

namespace DigitalTwin.Memory.DynamoDb;

/// <summary>
/// Settings of the DynamoDB conversation store (section <c>DigitalTwin:DynamoDbStore</c>, or
/// <c>DigitalTwin:Twins:{name}:DynamoDbStore</c>). Region and credentials come from the AWS SDK's default chain.
/// The table has a string partition key <c>pk</c>, a string sort key <c>sk</c> and the global secondary index
/// <see cref="TurnIndexName"/> (see docs/memory.md).
/// </summary>
public sealed partial class DynamoDbStoreOptions : ITwinOptions
{
    /// <summary>The table conversations are kept in. Default <c>digital-twin-conversations</c>, or the <c>DYNAMODB_TABLE</c> variable.</summary>
    public string TableName { get; set; } = "digital-twin-conversations";

    /// <summary>A DynamoDB-compatible endpoint such as <c>http://127.0.0.1:4567</c> (dynalite, DynamoDB Local). Default none: AWS.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The AWS region, for example <c>eu-west-1</c>. Default none: the SDK's default chain (<c>AWS_REGION</c>, profile…).</summary>
    public string? Region { get; set; }

    /// <summary>
    /// How long a turn is kept: each item gets <see cref="TtlAttributeName"/> = write time + retention (epoch seconds), and
    /// DynamoDB's TTL deletes it after that. Default none: turns are kept until deleted.
    /// </summary>
    public TimeSpan? Retention { get; set; }

    /// <summary>The item attribute that holds the expiry time when <see cref="Retention"/> is set. Default <c>expires_at</c>.</summary>
    public string TtlAttributeName { get; set; } = "expires_at";

    /// <summary>
    /// For development: create the table (on-demand billing) on first use when it does not exist, and turn on TTL when
    /// <see cref="Retention"/> is set. Needs dynamodb:DescribeTable and dynamodb:CreateTable. Default <see langword="false"/>.
    /// </summary>
    public bool CreateTableIfMissing { get; set; }

    /// <summary>
    /// The global secondary index analytics query to list a twin's turns by time: partition key <c>day</c> (S,
    /// <c>{twin}#{yyyy-MM-dd}</c>), sort key <c>sk</c> (S), projection INCLUDE <c>meta</c>. Every item carries <c>day</c> and
    /// <c>meta</c>; the table must have the index for listing to work (see docs/memory.md; <see cref="CreateTableIfMissing"/>
    /// creates it). Default <c>turns-by-day</c>.
    /// </summary>
    public string TurnIndexName { get; set; } = "turns-by-day";

    /// <summary>The longest one store operation (all its requests and retries) may take. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Items per Query page when listing turns by time; none (DynamoDB's 1 MB pages) unless tests lower it to page more.</summary>
    internal int? TurnIndexPageSize { get; set; }

    internal static void FromEnvironment(DynamoDbStoreOptions options, Func<string, string?> setting)
    {
        if (setting("DYNAMODB_TABLE") is { } table)
        {
            options.TableName = table;
        }
    }

    static string? ITwinOptions.Section => "DynamoDbStore";

    void ITwinOptions.Validate(OptionsErrors errors)
    {
        errors.Check(string.IsNullOrWhiteSpace(TableName) || TableName.Length is < 3 or > 255, $"TableName '{TableName}' is not a table name: set it (or DYNAMODB_TABLE) to 3 to 255 characters.");
        errors.Check(ServiceUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _), $"ServiceUrl '{ServiceUrl}' is not an absolute URL: use one like http://127.0.0.1:4567, or leave it empty for AWS.");
        errors.Check(Retention is { } retention && retention < TimeSpan.FromMinutes(1), $"Retention is {Retention}: use at least 00:01:00 (for example 30.00:00:00 for 30 days), or leave it unset to keep turns.");
        errors.Check(string.IsNullOrWhiteSpace(TtlAttributeName) || TtlAttributeName is "pk" or "sk" or "turn" or "day" or "meta", $"TtlAttributeName '{TtlAttributeName}' cannot be used: name an attribute other than pk, sk, turn, day and meta (default expires_at).");
        errors.Check(TurnIndexName is null || !IndexName().IsMatch(TurnIndexName), $"TurnIndexName '{TurnIndexName}' is not an index name: use 3 to 255 letters, digits, '_', '-' or '.' (default turns-by-day).");
        errors.Check(Timeout <= TimeSpan.Zero, $"Timeout is {Timeout}: use a positive time span such as 00:00:10.");
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_.-]{3,255}\z")]
    private static partial Regex IndexName();
}
