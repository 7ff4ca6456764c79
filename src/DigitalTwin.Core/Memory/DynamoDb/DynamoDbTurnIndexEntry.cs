namespace DigitalTwin.Memory.DynamoDb;

/// <summary>A turn's index attributes: <c>day</c> = <c>{twin}#{yyyy-MM-dd}</c> (the index's partition key) and <c>meta</c> = the turn record's JSON.</summary>
/// <param name="Day">The <c>day</c> attribute.</param>
/// <param name="Meta">The <c>meta</c> attribute.</param>
internal readonly record struct DynamoDbTurnIndexEntry(string Day, string Meta);
