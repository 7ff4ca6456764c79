using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DigitalTwin.Conversations;
using DigitalTwin.Memory.Aws;

namespace DigitalTwin.Memory.DynamoDb;

/// <summary>
/// The DynamoDB store's turn claims: one item per claimed turn in a partition of its own, <c>pk</c> =
/// <c>{twin}#{session hash}#claims</c> (so window reads of <c>{twin}#{session hash}</c> never see claims), <c>sk</c> = the
/// SHA-256 of the turn id, with <c>owner</c>, <c>expires</c> (epoch milliseconds) and the TTL attribute (epoch seconds of
/// the expiry, so DynamoDB's TTL removes claims left by crashed hosts). A claim is a PutItem conditioned on
/// <c>attribute_not_exists(pk) OR expires &lt; :now</c>; a release is a DeleteItem conditioned on <c>owner = :me</c>.
/// </summary>
internal sealed class DynamoDbTurnClaims(IAmazonDynamoDB dynamo, DynamoDbTable table, DynamoDbStoreOptions options, TimeProvider time) : IOwnedTurnClaims
{
    public ValueTask<TurnClaim?> TryClaimAsync(ConversationKey key, string turnId, TimeSpan lease, CancellationToken cancellationToken = default) =>
        TryClaimAsync(key, turnId, TurnClaimRecord.NewOwner(), lease, cancellationToken);

    public ValueTask<TurnClaim?> TryClaimAsync(ConversationKey key, string turnId, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        TurnClaimRecord.Validate(turnId, lease);
        return new(AwsStoreCall.RunAsync($"Claiming a turn in DynamoDB table {options.TableName}", options.Timeout, async ct =>
        {
            await table.EnsureReadyAsync(ct).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var mine = new TurnClaimRecord(owner, now + lease);
            var itemKey = Key(key, turnId);
            var item = new Dictionary<string, AttributeValue>(itemKey)
            {
                ["owner"] = new() { S = mine.Owner },
                ["expires"] = Number(mine.ExpiresAt.ToUnixTimeMilliseconds()),
                [options.TtlAttributeName] = Number(mine.ExpiresAt.ToUnixTimeSeconds() + 1),
            };
            try
            {
                var put = await dynamo.PutItemAsync(new PutItemRequest
                {
                    TableName = options.TableName,
                    Item = item,
                    ConditionExpression = "attribute_not_exists(pk) OR #expires < :now",
                    ExpressionAttributeNames = new() { ["#expires"] = "expires" },
                    ExpressionAttributeValues = new() { [":now"] = Number(now.ToUnixTimeMilliseconds()) },
                    ReturnValues = ReturnValue.ALL_OLD,
                    ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                }, ct).ConfigureAwait(false);
                return mine.ToClaim(key, turnId, tookOver: put.Attributes is { Count: > 0 });
            }
            catch (ConditionalCheckFailedException ex)
            {
                // Refused: a live claim holds the turn — unless it is ours (the SDK retried a put whose answer was lost).
                // Servers that do not return the item (dynalite) get a consistent read instead.
                var held = ex.Item is { Count: > 0 } returned ? returned : await ReadAsync(dynamo, options, itemKey, ct).ConfigureAwait(false);
                return held is not null && held.TryGetValue("owner", out var owner) && owner.S == mine.Owner
                    ? mine.ToClaim(key, turnId, tookOver: false)
                    : null;
            }
        }, cancellationToken));
    }

    public ValueTask ReleaseAsync(TurnClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return new(AwsStoreCall.RunAsync($"Releasing a turn claim in DynamoDB table {options.TableName}", options.Timeout, async ct =>
        {
            await table.EnsureReadyAsync(ct).ConfigureAwait(false);
            try
            {
                await dynamo.DeleteItemAsync(new DeleteItemRequest
                {
                    TableName = options.TableName,
                    Key = Key(claim.Key, claim.TurnId),
                    ConditionExpression = "#owner = :me",
                    ExpressionAttributeNames = new() { ["#owner"] = "owner" },
                    ExpressionAttributeValues = new() { [":me"] = new AttributeValue { S = claim.Owner } },
                }, ct).ConfigureAwait(false);
            }
            catch (ConditionalCheckFailedException)
            {
                // Gone, or taken over by another host after it expired: theirs now, left alone.
            }
        }, cancellationToken));
    }

    private static Dictionary<string, AttributeValue> Key(ConversationKey key, string turnId) => new()
    {
        ["pk"] = new() { S = $"{key.TwinStorageName}#{key.SessionId.StorageName}#claims" },
        ["sk"] = new() { S = TurnClaimRecord.NameOf(turnId) },
    };

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static async Task<Dictionary<string, AttributeValue>?> ReadAsync(
        IAmazonDynamoDB dynamo, DynamoDbStoreOptions options, Dictionary<string, AttributeValue> itemKey, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = options.TableName, Key = itemKey, ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? item : null;
    }
}
