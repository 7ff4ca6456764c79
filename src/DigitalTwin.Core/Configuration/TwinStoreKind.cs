namespace DigitalTwin.Configuration;

/// <summary>The conversation stores <c>DigitalTwin:Store</c> chooses from.</summary>
public enum TwinStoreKind
{
    /// <summary>No store chosen in configuration: code chooses one, else the file store (or S3 when the original's <c>USE_S3</c> is <c>true</c>).</summary>
    None,

    /// <summary>One append-only file per visitor (<c>DigitalTwin:FileStore</c>).</summary>
    File,

    /// <summary>Process memory: lost on restart (for tests and demos).</summary>
    InMemory,

    /// <summary>Amazon S3, one object per turn (<c>DigitalTwin:S3Store</c>).</summary>
    S3,

    /// <summary>Amazon DynamoDB, one item per turn (<c>DigitalTwin:DynamoDbStore</c>).</summary>
    DynamoDB,
}
