using DigitalTwin.Configuration;
using DigitalTwin.Memory.DynamoDb;
using DigitalTwin.Memory.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Core.Tests.Memory;

/// <summary>UseS3Store / UseDynamoDbStore registration, the original's USE_S3 / S3_BUCKET variables and option validation.</summary>
public sealed class AwsStoreRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        register(services);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void UseS3Store_TakesTheBucketFromS3_BUCKET()
    {
        using var sp = Build(new() { ["S3_BUCKET"] = "from-variable" }, s => s.AddDigitalTwin().UseS3Store(o => o.ServiceUrl = "http://127.0.0.1:9"));

        Assert.IsType<S3ConversationStore>(sp.GetRequiredKeyedService<IConversationStore>(DigitalTwinDefaults.TwinName));
        Assert.Equal("from-variable", sp.GetRequiredService<IOptionsMonitor<S3StoreOptions>>().Get(DigitalTwinDefaults.TwinName).Bucket);
    }

    [Fact]
    public void S3Settings_VariableOverridesSection_AndCodeOverridesBoth()
    {
        using var sp = Build(
            new() { ["S3_BUCKET"] = "variable", ["DigitalTwin:S3Store:Bucket"] = "section", ["DigitalTwin:S3Store:KeyPrefix"] = "chats/", ["DigitalTwin:S3Store:ServerSideEncryption"] = "Kms" },
            s => s.AddDigitalTwin().UseS3Store(o => o.KeyPrefix = "code/"));

        var options = sp.GetRequiredService<IOptionsMonitor<S3StoreOptions>>().Get(DigitalTwinDefaults.TwinName);

        Assert.Equal("variable", options.Bucket);
        Assert.Equal("code/", options.KeyPrefix);
        Assert.Equal(S3ServerSideEncryption.Kms, options.ServerSideEncryption);
    }

    [Fact]
    public void UseS3Store_WithoutABucket_FailsWithAnActionableMessage()
    {
        using var sp = Build([], s => s.AddDigitalTwin().UseS3Store());

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptionsMonitor<S3StoreOptions>>().Get(DigitalTwinDefaults.TwinName));

        Assert.Contains("DigitalTwin:S3Store:Bucket is empty: set it or S3_BUCKET", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseS3True_SwitchesTheDefaultStoreToS3_OtherwiseItIsTheFileStore()
    {
        using var s3 = Build(new() { ["USE_S3"] = "True", ["S3_BUCKET"] = "twin-memory", ["DigitalTwin:S3Store:Region"] = "eu-west-1" }, s => s.AddDigitalTwin());
        using var file = Build(new() { ["USE_S3"] = "false", ["S3_BUCKET"] = "twin-memory" }, s => s.AddDigitalTwin());

        Assert.IsType<S3ConversationStore>(s3.GetRequiredService<IConversationStore>());
        Assert.IsType<FileConversationStore>(file.GetRequiredService<IConversationStore>());
    }

    [Fact]
    public void UseDynamoDbStore_ForANamedTwin_BindsItsOwnSection()
    {
        using var sp = Build(
            new() { ["DigitalTwin:Twins:bob:DynamoDbStore:TableName"] = "bob-turns", ["DigitalTwin:Twins:bob:DynamoDbStore:Retention"] = "30.00:00:00" },
            s => s.AddDigitalTwin("bob").UseDynamoDbStore(o => o.Region = "eu-west-1"));

        var options = sp.GetRequiredService<IOptionsMonitor<DynamoDbStoreOptions>>().Get("bob");

        Assert.Equal("bob-turns", options.TableName);
        Assert.Equal(TimeSpan.FromDays(30), options.Retention);
        Assert.IsType<DynamoDbConversationStore>(sp.GetRequiredKeyedService<IConversationStore>("bob"));
    }

    [Fact]
    public void DynamoDbOptions_WithTooShortRetentionAndNoTimeout_FailWithActionableMessages()
    {
        var result = new TwinOptionsValidator<DynamoDbStoreOptions>(new()).Validate("bob", new DynamoDbStoreOptions { Retention = TimeSpan.FromSeconds(5), Timeout = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("DigitalTwin:Twins:bob:DynamoDbStore:Retention is 00:00:05: use at least 00:01:00", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("DigitalTwin:Twins:bob:DynamoDbStore:Timeout is 00:00:00", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void TurnIndexSettings_BindFromTheirSections_WithDefaultsWhenUnset()
    {
        using var s3 = Build(new() { ["DigitalTwin:S3Store:Bucket"] = "b", ["DigitalTwin:S3Store:WriteTurnIndex"] = "false" }, s => s.AddDigitalTwin().UseS3Store());
        using var dynamo = Build(new() { ["DigitalTwin:DynamoDbStore:TurnIndexName"] = "by-day" }, s => s.AddDigitalTwin().UseDynamoDbStore());

        Assert.False(s3.GetRequiredService<IOptionsMonitor<S3StoreOptions>>().Get(DigitalTwinDefaults.TwinName).WriteTurnIndex);
        Assert.Equal("by-day", dynamo.GetRequiredService<IOptionsMonitor<DynamoDbStoreOptions>>().Get(DigitalTwinDefaults.TwinName).TurnIndexName);
        Assert.True(new S3StoreOptions().WriteTurnIndex);
        Assert.Equal("turns-by-day", new DynamoDbStoreOptions().TurnIndexName);
    }

    [Theory]
    [InlineData("", "TurnIndexName '' is not an index name")]
    [InlineData("by day", "TurnIndexName 'by day' is not an index name")]
    [InlineData("turns-by-day\n", "is not an index name")]
    public void DynamoDbOptions_WithABadTurnIndexName_FailWithAnActionableMessage(string name, string expected)
    {
        var result = new TwinOptionsValidator<DynamoDbStoreOptions>(new()).Validate(null, new DynamoDbStoreOptions { TurnIndexName = name });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("use 3 to 255 letters, digits, '_', '-' or '.'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("day")]
    [InlineData("meta")]
    public void DynamoDbOptions_WithATtlAttributeTheIndexUses_FailWithAnActionableMessage(string attribute)
    {
        var result = new TwinOptionsValidator<DynamoDbStoreOptions>(new()).Validate(null, new DynamoDbStoreOptions { TtlAttributeName = attribute });

        Assert.Contains($"TtlAttributeName '{attribute}' cannot be used: name an attribute other than pk, sk, turn, day and meta", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void S3Options_WithKmsKeyButNoKmsEncryption_FailWithAnActionableMessage()
    {
        var result = new TwinOptionsValidator<S3StoreOptions>(new()).Validate(null, new S3StoreOptions { Bucket = "b", KmsKeyId = "key" });

        Assert.Contains("DigitalTwin:S3Store:KmsKeyId is set but ServerSideEncryption is None", result.FailureMessage, StringComparison.Ordinal);
    }
}
