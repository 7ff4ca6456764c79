using System.Text.Json.Nodes;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda;

/// <summary>
/// The Lambda sample's SAM template checked by tools nobody here wrote: cfn-lint, and the AWS SAM translator (the code
/// behind CloudFormation's Serverless transform), whose output shows what CloudFormation would actually deploy.
/// </summary>
[Trait("Category", ExternalTool.Category)]
public sealed class SamToolchainTests
{
    private static readonly string Template = Path.Combine(RepositoryRoot.Path, "samples", "DigitalTwin.Sample.Lambda", "template.yaml");

    [Fact]
    public async Task CfnLint_FindsNothing()
    {
        var (exit, output, error) = await ExternalTool.RunAsync("cfn-lint", [Template]);

        Assert.True(exit == 0, $"cfn-lint exited {exit}:\n{output}{error}");
    }

    [Theory]
    [InlineData(null)] // the parameter's default: no extra origins
    [InlineData("http://localhost:3000")]
    [InlineData("http://localhost:3000,https://example.org")]
    public async Task HttpApiCors_SurvivesTheTransform_WithMethodsHeadersAndMaxAge(string? extraOrigins)
    {
        var translated = await TranslateAsync(extraOrigins is null ? null : new JsonObject { ["ExtraCorsOrigins"] = extraOrigins });

        var cors = translated["Resources"]!["HttpApi"]!["Properties"]!["Body"]!["x-amazon-apigateway-cors"]!;
        var branches = Branches(cors).ToList();
        Assert.Equal(2, branches.Count); // with and without extra origins, chosen by HasExtraCorsOrigins
        foreach (var branch in branches)
        {
            Assert.Equal(["GET", "POST", "OPTIONS"], branch["allowMethods"]!.AsArray().Select(m => (string)m!));
            Assert.Equal(["content-type", "idempotency-key", "x-tenant-id"], branch["allowHeaders"]!.AsArray().Select(h => (string)h!));
            Assert.Equal(600, (int)branch["maxAge"]!);
            Assert.Contains("https://${SiteDistribution.DomainName}", branch["allowOrigins"]!.ToJsonString(), StringComparison.Ordinal);
        }

        if (extraOrigins is not null)
        {
            var withExtras = branches[0]["allowOrigins"]!.ToJsonString();
            Assert.All(extraOrigins.Split(','), origin => Assert.Contains(origin, withExtras, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task FunctionRole_GrantsEveryStoreActionIncludingClaimRelease_AndNothingMore()
    {
        var translated = await TranslateAsync(null);

        var statements = translated["Resources"]!["DigitalTwinFunctionRole"]!["Properties"]!["Policies"]!.AsArray()
            .SelectMany(p => p!["PolicyDocument"]!["Statement"]!.AsArray())
            .Select(s => (Condition: (string)s!["Fn::If"]![0]!, Body: s["Fn::If"]![1]!))
            .ToList();
        string[] Actions(string condition) => [.. statements.Where(s => s.Condition == condition)
            .SelectMany(s => s.Body["Action"] is JsonArray list ? list.Select(a => (string)a!) : [(string)s.Body["Action"]!]).Order()];

        Assert.Equal(["s3:DeleteObject", "s3:GetObject", "s3:ListBucket", "s3:PutObject"], Actions("UseS3"));
        Assert.Equal(["dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:Query"], Actions("UseDynamoDb"));
        Assert.Equal(["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], Actions("UseBedrock"));
    }

    [Fact]
    public void GitIgnore_IgnoresSamBuildOutput()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, ".gitignore")).Select(l => l.Trim());

        Assert.Contains(".aws-sam/", lines);
    }

    /// <summary>Translates the template as CloudFormation's transform would, with <paramref name="parameters"/> overriding defaults.</summary>
    internal static async Task<JsonNode> TranslateAsync(JsonObject? parameters)
    {
        var script = Path.Combine(RepositoryRoot.Path, "tests", "tools", "sam", "translate.py");
        var (exit, output, error) = await ExternalTool.RunAsync("python3", [script, Template, (parameters ?? []).ToJsonString()]);
        Assert.True(exit == 0, $"The SAM translator failed ({exit}):\n{error}");
        return JsonNode.Parse(output)!;
    }

    /// <summary>The CORS objects a (possibly conditional) x-amazon-apigateway-cors value can become.</summary>
    private static IEnumerable<JsonObject> Branches(JsonNode? cors)
    {
        var node = Assert.IsType<JsonObject>(cors);
        if (node["Fn::If"] is JsonArray choice)
        {
            return choice.Skip(1).SelectMany(Branches);
        }

        Assert.DoesNotContain(node, p => p.Key.StartsWith("Fn::", StringComparison.Ordinal));
        return [node];
    }
}
