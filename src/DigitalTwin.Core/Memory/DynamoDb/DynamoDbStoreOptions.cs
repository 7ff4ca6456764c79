namespace DigitalTwin.Memory.DynamoDb;

/// <summary>
/// Settings of the DynamoDB conversation store (section <c>DigitalTwin:DynamoDbStore</c>, or
/// <c>DigitalTwin:Twins:{name}:DynamoDbStore</c>). Region and credentials come from the AWS SDK's default chain.
/// The table has a string partition key <c>pk</c>, a string sort key <c>sk</c> and the global secondary index
/// <see cref="TurnIndexName"/> (see docs/memory.md).
/// </summary>
public sealed class DynamoDbStoreOptions
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
}
