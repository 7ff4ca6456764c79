using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace DigitalTwin.Memory.DynamoDb;

/// <summary>
/// The DynamoDB store's item: <c>pk</c>, <c>sk</c>, <c>turn</c>, the turn index attributes <c>day</c> and <c>meta</c>
/// (<see cref="DynamoDbTurnIndex"/>) and, with a retention, the TTL attribute.
/// </summary>
internal static class DynamoDbItems
{
    /// <summary>The item's size as DynamoDB counts it: attribute names plus values in UTF-8 (an upper bound for the number).</summary>
    public static int Size(DynamoDbStoreOptions options, string pk, string body, DynamoDbTurnIndexEntry index) =>
        "pk".Length + Encoding.UTF8.GetByteCount(pk) + "sk".Length + 36 + "turn".Length + Encoding.UTF8.GetByteCount(body)
        + DynamoDbTurnIndex.DayAttribute.Length + Encoding.UTF8.GetByteCount(index.Day)
        + DynamoDbTurnIndex.MetaAttribute.Length + Encoding.UTF8.GetByteCount(index.Meta)
        + (options.Retention is null ? 0 : Encoding.UTF8.GetByteCount(options.TtlAttributeName) + 21);

    /// <summary>A PutItem that only succeeds when no item has this key, and returns the existing item when one does.</summary>
    public static PutItemRequest Put(DynamoDbStoreOptions options, TimeProvider time, string pk, string sortKey, string body, DynamoDbTurnIndexEntry index)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["pk"] = new() { S = pk },
            ["sk"] = new() { S = sortKey },
            ["turn"] = new() { S = body },
            [DynamoDbTurnIndex.DayAttribute] = new() { S = index.Day },
            [DynamoDbTurnIndex.MetaAttribute] = new() { S = index.Meta },
        };
        if (options.Retention is { } retention)
        {
            item[options.TtlAttributeName] = new() { N = time.GetUtcNow().Add(retention).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };
        }

        return new PutItemRequest
        {
            TableName = options.TableName,
            Item = item,
            ConditionExpression = "attribute_not_exists(pk)",
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
    }
}
