using System.Text.RegularExpressions;
using DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda;

/// <summary>Static checks of the Lambda sample's SAM template: every reference resolves, and IAM names only its own resources.</summary>
public sealed partial class SamTemplateTests
{
    private static readonly string[] Pseudo = ["AWS::AccountId", "AWS::NoValue", "AWS::NotificationARNs", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"];

    private static readonly Lazy<Dictionary<string, object?>> Template = new(() =>
        (Dictionary<string, object?>)MiniYaml.Parse(File.ReadAllText(Path.Combine(SampleProcess.Metadata("LambdaSampleProjectDirectory"), "template.yaml")))!);

    private static Dictionary<string, object?> Section(string name) => (Dictionary<string, object?>)Template.Value[name]!;

    private static Dictionary<string, object?> Map(object? value) => Assert.IsType<Dictionary<string, object?>>(value);

    private static Dictionary<string, object?> Resource(string name) => Map(Section("Resources")[name]);

    private static Dictionary<string, object?> Properties(string resource) => Map(Resource(resource)["Properties"]);

    /// <summary>Logical ids the template may name besides its own: SAM makes "{Function}Url" for a FunctionUrlConfig and "{Function}Role".</summary>
    private static HashSet<string> Targets()
    {
        var targets = new HashSet<string>(Section("Parameters").Keys.Concat(Section("Resources").Keys).Concat(Pseudo), StringComparer.Ordinal);
        foreach (var (name, value) in Section("Resources"))
        {
            var resource = Map(value);
            if ((string?)resource["Type"] == "AWS::Serverless::Function")
            {
                targets.Add(name + "Role");
                if (Map(resource["Properties"]).ContainsKey("FunctionUrlConfig"))
                {
                    targets.Add(name + "Url");
                }
            }
        }

        return targets;
    }

    private static IEnumerable<YamlTagged> Tagged(object? node)
    {
        switch (node)
        {
            case YamlTagged tagged:
                yield return tagged;
                foreach (var inner in Tagged(tagged.Value))
                {
                    yield return inner;
                }

                break;
            case Dictionary<string, object?> map:
                foreach (var inner in map.Values.SelectMany(Tagged))
                {
                    yield return inner;
                }

                break;
            case List<object?> list:
                foreach (var inner in list.SelectMany(Tagged))
                {
                    yield return inner;
                }

                break;
        }
    }

    [Fact]
    public void Template_ParsesWithTheExpectedSections()
    {
        Assert.Equal("AWS::Serverless-2016-10-31", Template.Value["Transform"]);
        Assert.NotEmpty(Section("Parameters"));
        Assert.NotEmpty(Section("Resources"));
        Assert.NotEmpty(Section("Outputs"));
    }

    [Fact]
    public void EveryRefAndGetAtt_NamesAParameterResourceOrPseudoParameter()
    {
        var targets = Targets();
        var tags = Tagged(Template.Value).ToList();
        Assert.Contains(tags, t => t.Tag == "!Ref");
        foreach (var tag in tags.Where(t => t.Tag == "!Ref"))
        {
            Assert.Contains(Assert.IsType<string>(tag.Value), targets);
        }

        foreach (var tag in tags.Where(t => t.Tag == "!GetAtt"))
        {
            var target = tag.Value is List<object?> pair ? (string)pair[0]! : ((string)tag.Value!).Split('.')[0];
            Assert.Contains(target, targets);
        }
    }

    [Fact]
    public void EverySubVariable_NamesAParameterResourcePseudoParameterOrLocalVariable()
    {
        var targets = Targets();
        var subs = Tagged(Template.Value).Where(t => t.Tag == "!Sub").ToList();
        Assert.NotEmpty(subs);
        foreach (var sub in subs)
        {
            var (text, locals) = sub.Value is List<object?> form ? ((string)form[0]!, Map(form[1]).Keys.ToHashSet()) : ((string)sub.Value!, []);
            foreach (Match match in SubVariable().Matches(text))
            {
                var name = match.Groups[1].Value;
                var target = name.StartsWith("AWS::", StringComparison.Ordinal) ? name : name.Split('.')[0];
                Assert.True(targets.Contains(target) || locals.Contains(target), $"${{{name}}} in '{text}' names nothing in the template.");
            }
        }
    }

    [Fact]
    public void EveryCondition_IsDefined()
    {
        var conditions = Section("Conditions").Keys.ToHashSet();
        foreach (var tag in Tagged(Template.Value))
        {
            if (tag.Tag == "!If")
            {
                Assert.Contains((string)((List<object?>)tag.Value!)[0]!, conditions);
            }
            else if (tag.Tag == "!Condition")
            {
                Assert.Contains((string)tag.Value!, conditions);
            }
        }

        foreach (var (_, value) in Section("Resources").Concat(Section("Outputs")))
        {
            if (Map(value).TryGetValue("Condition", out var condition))
            {
                Assert.Contains((string)condition!, conditions);
            }
        }
    }

    [Fact]
    public void IamStatements_NameOnlyTheTemplatesOwnResourcesAndTheChosenBedrockModel()
    {
        var own = Section("Resources").Keys.ToHashSet();
        var parameters = Section("Parameters").Keys.ToHashSet();
        var policies = (List<object?>)Properties("DigitalTwinFunction")["Policies"]!;
        var statements = policies.SelectMany(p => (List<object?>)Map(p)["Statement"]!).ToList();
        Assert.NotEmpty(statements);
        var checkedResources = 0;
        foreach (var statement in statements)
        {
            var tagged = Assert.IsType<YamlTagged>(statement);
            Assert.Equal("!If", tagged.Tag);
            var body = Map(((List<object?>)tagged.Value!)[1]);
            Assert.Equal("Allow", body["Effect"]);
            var actions = Assert.IsType<List<object?>>(body["Action"]).Cast<string>().ToList();
            Assert.DoesNotContain(actions, a => a.EndsWith(":*", StringComparison.Ordinal) || a == "*");
            foreach (var resource in Leaves(body["Resource"]))
            {
                checkedResources++;
                Assert.NotEqual("*", resource.Value as string);
                var text = resource.Tag switch
                {
                    "!GetAtt" => "${" + (string)resource.Value! + "}",
                    "!Ref" => "${" + (string)resource.Value! + "}",
                    "!Sub" => (string)resource.Value!,
                    _ => throw new Xunit.Sdk.XunitException($"Resource {resource} is not built from the template."),
                };
                var names = SubVariable().Matches(text).Select(m => m.Groups[1].Value.Split('.')[0]).ToList();
                if (actions.All(a => a.StartsWith("bedrock:InvokeModel", StringComparison.Ordinal)))
                {
                    Assert.StartsWith("arn:${AWS::Partition}:bedrock:", text, StringComparison.Ordinal);
                    Assert.Contains("BedrockModelId", names);
                    Assert.All(names, n => Assert.True(parameters.Contains(n) || n.StartsWith("AWS::", StringComparison.Ordinal), n));
                }
                else
                {
                    Assert.Contains(names, own.Contains);
                    Assert.All(names, n => Assert.True(own.Contains(n), $"{n} in '{text}' is not one of the template's resources."));
                }
            }
        }

        Assert.True(checkedResources >= 5);
    }

    [Fact]
    public void Function_IsProvidedAl2023WithArchitectureParameterAndStreamingUrl()
    {
        var function = Properties("DigitalTwinFunction");
        Assert.Equal("provided.al2023", function["Runtime"]);
        Assert.Equal("bootstrap", function["Handler"]);
        Assert.Equal(new YamlTagged("!Ref", "Architecture"), Assert.Single((List<object?>)function["Architectures"]!));
        Assert.Equal(["x86_64", "arm64"], ((List<object?>)Map(Section("Parameters")["Architecture"])["AllowedValues"]!).Cast<string>());
        Assert.Equal("RESPONSE_STREAM", Map(function["FunctionUrlConfig"])["InvokeMode"]);
        Assert.Equal("makefile", Map(Resource("DigitalTwinFunction")["Metadata"])["BuildMethod"]);
    }

    [Fact]
    public void OpenAIKey_ComesFromDynamicReferences()
    {
        var variables = Map(Map(Properties("DigitalTwinFunction")["Environment"])["Variables"]);
        var subs = Tagged(variables["OPENAI_API_KEY"]).Where(t => t.Tag == "!Sub").Select(t => (string)t.Value!).ToList();
        Assert.Contains(subs, s => s.StartsWith("{{resolve:secretsmanager:", StringComparison.Ordinal));
        Assert.Contains(subs, s => s.StartsWith("{{resolve:ssm:", StringComparison.Ordinal));
        Assert.DoesNotContain("OpenAIApiKey", Section("Parameters").Keys);
    }

    [Fact]
    public void DynamoDbTable_HasPkSkKeysAndExpiresAtTtl()
    {
        var table = Properties("MemoryTable");
        var keys = ((List<object?>)table["KeySchema"]!).Select(Map).ToDictionary(k => (string)k["AttributeName"]!, k => (string)k["KeyType"]!);
        Assert.Equal("HASH", keys["pk"]);
        Assert.Equal("RANGE", keys["sk"]);
        Assert.All(((List<object?>)table["AttributeDefinitions"]!).Select(Map), a => Assert.Equal("S", a["AttributeType"]));
        var ttl = Map(table["TimeToLiveSpecification"]);
        Assert.Equal("expires_at", ttl["AttributeName"]);
        Assert.Equal("true", ttl["Enabled"]);
    }

    [Fact]
    public void DynamoDbTable_HasTheTurnsByDayIndexTheStoreQueries_AndTheFunctionMayQueryIt()
    {
        var table = Properties("MemoryTable");
        Assert.Contains(((List<object?>)table["AttributeDefinitions"]!).Select(Map), a => (string?)a["AttributeName"] == "day" && (string?)a["AttributeType"] == "S");
        var index = Map(Assert.Single((List<object?>)table["GlobalSecondaryIndexes"]!));
        Assert.Equal(new DigitalTwin.Memory.DynamoDb.DynamoDbStoreOptions().TurnIndexName, index["IndexName"]);
        Assert.Equal(["day:HASH", "sk:RANGE"], ((List<object?>)index["KeySchema"]!).Select(Map).Select(k => $"{k["AttributeName"]}:{k["KeyType"]}"));
        var projection = Map(index["Projection"]);
        Assert.Equal("INCLUDE", projection["ProjectionType"]);
        Assert.Equal(["meta"], ((List<object?>)projection["NonKeyAttributes"]!).Cast<string>());

        var policies = (List<object?>)Properties("DigitalTwinFunction")["Policies"]!;
        var query = policies.SelectMany(p => (List<object?>)Map(p)["Statement"]!).Cast<YamlTagged>().Select(s => Map(((List<object?>)s.Value!)[1]))
            .Single(s => ((List<object?>)s["Action"]!).Contains("dynamodb:Query"));
        Assert.Contains(new YamlTagged("!Sub", "${MemoryTable.Arn}/index/turns-by-day"), Leaves(query["Resource"]));
    }

    [Fact]
    public void HttpApi_HasCorsAndThrottling()
    {
        var api = Properties("HttpApi");
        var cors = Assert.IsType<YamlTagged>(api["CorsConfiguration"]); // what the transform makes of it: SamToolchainTests
        Assert.Equal("!If", cors.Tag);
        Assert.All(((List<object?>)cors.Value!).Skip(1), branch => Assert.True(Map(branch).ContainsKey("AllowOrigins")));
        var route = Map(api["DefaultRouteSettings"]);
        Assert.Equal(new YamlTagged("!Ref", "ThrottlingBurstLimit"), route["ThrottlingBurstLimit"]);
        Assert.Equal(new YamlTagged("!Ref", "ThrottlingRateLimit"), route["ThrottlingRateLimit"]);
    }

    [Fact]
    public void Site_IsAPrivateBucketBehindCloudFrontWithOriginAccessControl()
    {
        Assert.Equal("true", Map(Properties("SiteBucket")["PublicAccessBlockConfiguration"])["RestrictPublicBuckets"]);
        var origin = Map(((List<object?>)Map(Properties("SiteDistribution")["DistributionConfig"])["Origins"]!)[0]);
        Assert.Equal(new YamlTagged("!GetAtt", "SiteOriginAccessControl.Id"), origin["OriginAccessControlId"]);
        var statement = Map(((List<object?>)Map(Properties("SiteBucketPolicy")["PolicyDocument"])["Statement"]!)[0]);
        Assert.Equal("cloudfront.amazonaws.com", Map(statement["Principal"])["Service"]);
        Assert.True(Map(statement["Condition"]).ContainsKey("StringEquals"));
    }

    [Fact]
    public void Outputs_IncludeTheApiStreamAndSiteUrls()
    {
        Assert.Superset(new HashSet<string> { "ApiUrl", "StreamUrl", "SiteUrl" }, Section("Outputs").Keys.ToHashSet());
    }

    [Fact]
    public void MiniYaml_ReadsShortFormTagsAndFlowCollections()
    {
        var yaml = (Dictionary<string, object?>)MiniYaml.Parse("""
            A: !Sub 'x-${B}' # comment
            B:
              - !If [C, 'y', !Ref AWS::NoValue]
              - K: v, with comma
                L: [1, {M: !GetAtt R.Arn}]
            """)!;
        Assert.Equal(new YamlTagged("!Sub", "x-${B}"), yaml["A"]);
        var list = (List<object?>)yaml["B"]!;
        var ifTag = Assert.IsType<YamlTagged>(list[0]);
        Assert.Equal(new YamlTagged("!Ref", "AWS::NoValue"), ((List<object?>)ifTag.Value!)[2]);
        var map = Map(list[1]);
        Assert.Equal("v, with comma", map["K"]);
        Assert.Equal(new YamlTagged("!GetAtt", "R.Arn"), Map(((List<object?>)map["L"]!)[1])["M"]);
    }

    private static IEnumerable<YamlTagged> Leaves(object? resource)
    {
        switch (resource)
        {
            case YamlTagged { Tag: "!If" } choice:
                foreach (var leaf in ((List<object?>)choice.Value!).Skip(1).SelectMany(Leaves))
                {
                    yield return leaf;
                }

                break;
            case YamlTagged tagged:
                yield return tagged;
                break;
            case List<object?> list:
                foreach (var leaf in list.SelectMany(Leaves))
                {
                    yield return leaf;
                }

                break;
            default:
                throw new Xunit.Sdk.XunitException($"IAM resource '{resource}' is a literal, not built from the template.");
        }
    }

    [GeneratedRegex(@"\$\{(?!!)([^}]+)\}")]
    private static partial Regex SubVariable();
}
