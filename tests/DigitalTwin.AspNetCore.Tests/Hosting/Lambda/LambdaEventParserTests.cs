using DigitalTwin.AspNetCore.Hosting.Lambda;
using DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda;

public sealed class LambdaEventParserTests
{
    private static LambdaRequest Parse(string json) => LambdaEventParser.Parse(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("RestV1", "GET", "/conversation/abc", "prod", "/{proxy+}", "/prod", "/conversation/abc")]
    [InlineData("RestV1", "POST", "/twins/ana/chat/stream", "prod", "/{proxy+}", "/prod", "/twins/ana/chat/stream")]
    [InlineData("RestV1", "GET", "/", "Prod", "/", "/Prod", "/")]
    [InlineData("HttpV2", "GET", "/health", "$default", "", "", "/health")]
    [InlineData("HttpV2", "GET", "/beta/chat", "beta", "", "/beta", "/chat")]
    [InlineData("HttpV2", "GET", "/my/path", "$default-stage", "", "", "/my/path")] // named like the default, but not it
    public void Stage_BecomesThePathBase_AndTheRestIsThePath(string payload, string method, string sentPath, string stage, string v1Resource, string pathBase, string path)
    {
        var restV1 = payload == "RestV1";
        var request = Parse(restV1 ? LambdaEvents.RestV1(method, sentPath, stage: stage, resource: v1Resource) : LambdaEvents.HttpV2(method, sentPath, stage: stage));

        Assert.Equal(restV1 ? LambdaEventFormat.ApiGatewayV1 : LambdaEventFormat.ApiGatewayV2, request.Format);
        Assert.Equal(method, request.Method);
        Assert.Equal(pathBase, request.PathBase);
        Assert.Equal(path, request.Path);
        Assert.Equal(pathBase + path, request.RawTarget);
    }

    [Fact]
    public void HttpApiPayload1_StageInPath_StageBecomesPathBase()
    {
        // HTTP APIs at payload 1.0 keep the stage in "path" and requestContext.path alike.
        var json = """
            {"version":"1.0","resource":"/items","path":"/dev/items","httpMethod":"GET","headers":{"Host":"x.execute-api.eu-west-1.amazonaws.com"},
             "multiValueHeaders":{"Host":["x.execute-api.eu-west-1.amazonaws.com"]},"queryStringParameters":null,"multiValueQueryStringParameters":null,
             "requestContext":{"path":"/dev/items","stage":"dev","identity":{"sourceIp":"192.0.2.1"}},"body":null,"isBase64Encoded":false}
            """;
        var request = Parse(json);
        Assert.Equal(LambdaEventFormat.ApiGatewayV1, request.Format);
        Assert.Equal("/dev", request.PathBase);
        Assert.Equal("/items", request.Path);
    }

    [Fact]
    public void NumericVersionWithHttpMethod_IsReadAsPayload1()
    {
        var json = """{"version":2,"path":"/api/resourcepath","httpMethod":"GET","headers":{"Host":"h"},"requestContext":{"path":"/api/resourcepath","stage":"$default"},"isBase64Encoded":true,"body":null}""";
        var request = Parse(json);
        Assert.Equal(LambdaEventFormat.ApiGatewayV1, request.Format);
        Assert.Equal("/api/resourcepath", request.Path);
        Assert.Empty(request.Body);
    }

    [Fact]
    public void FunctionUrl_LambdaUrlDomain_IsDetectedWithoutPathBase()
    {
        var request = Parse(LambdaEvents.FunctionUrl("POST", "/chat/stream", "{}"));
        Assert.Equal(LambdaEventFormat.FunctionUrl, request.Format);
        Assert.Equal(string.Empty, request.PathBase);
        Assert.Equal("/chat/stream", request.Path);
        Assert.Equal("a1b2c3d4e5f6.lambda-url.us-east-1.on.aws", request.Headers.Host.ToString());
    }

    [Fact]
    public void Path_PlusAndEncodedSlash_PlusStaysAndSlashStaysEncoded()
    {
        var request = Parse(LambdaEvents.HttpV2("GET", "/files/a+b%2Fc%20d"));
        Assert.Equal("/files/a+b%2Fc d", request.Path);
        Assert.Equal("/files/a+b%2Fc%20d", request.RawTarget);
    }

    [Fact]
    public void RestV1_EncodedPath_IsDecodedExceptSlash()
    {
        var request = Parse(LambdaEvents.RestV1("GET", "/conversation/a%2Fb+c%C3%A9"));
        Assert.Equal("/conversation/a%2Fb+cé", request.Path);
    }

    [Fact]
    public void RestV1_MultiValueQuery_IsReEncodedWithEveryValue()
    {
        var request = Parse(LambdaEvents.RestV1("GET", "/search", query: new Dictionary<string, string[]>
        {
            ["q"] = ["a b", "c&d"],
            ["url"] = ["http://www.gooogle.com"],
            ["flag"] = [""],
        }));
        Assert.Equal("?q=a%20b&q=c%26d&url=http%3A%2F%2Fwww.gooogle.com&flag", request.QueryString);
    }

    [Fact]
    public void RestV1_OnlySingleValueQuery_IsUsed()
    {
        var json = """{"httpMethod":"GET","path":"/x","queryStringParameters":{"name":"me & you"},"requestContext":{"stage":"test"}}""";
        Assert.Equal("?name=me%20%26%20you", Parse(json).QueryString);
    }

    [Fact]
    public void HttpV2_RawQueryString_IsKeptAsSent()
    {
        var request = Parse(LambdaEvents.HttpV2("GET", "/extract", rawQuery: "foo=b%40r&lang=en&lang=es&debug"));
        Assert.Equal("?foo=b%40r&lang=en&lang=es&debug", request.QueryString);
        Assert.Equal("/extract?foo=b%40r&lang=en&lang=es&debug", request.RawTarget);
    }

    [Fact]
    public void HttpV2_EmptyRawQueryWithParameters_QueryIsBuiltFromTheParameters()
    {
        var json = LambdaEvents.HttpV2("GET", "/WeatherForecast").Replace("\"rawQueryString\":\"\"", "\"rawQueryString\":\"\",\"queryStringParameters\":{\"parameter1\":\"value1,value2\",\"q\":\"a b\"}", StringComparison.Ordinal);
        Assert.Equal("?parameter1=value1%2Cvalue2&q=a%20b", Parse(json).QueryString);
    }

    [Fact]
    public void RestV1_MultiValueHeaders_KeepEveryValue()
    {
        var request = Parse(LambdaEvents.RestV1("GET", "/", headers: new Dictionary<string, string[]>
        {
            ["Host"] = ["h.example"],
            ["X-Forwarded-For"] = ["192.0.2.1", "198.51.100.2"],
        }));
        Assert.Equal(new[] { "192.0.2.1", "198.51.100.2" }, request.Headers["X-Forwarded-For"].ToArray());
    }

    [Fact]
    public void HttpV2_CommaJoinedHeaders_AreNotSplit()
    {
        var request = Parse(LambdaEvents.HttpV2("GET", "/", headers: new Dictionary<string, string>
        {
            ["user-agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)",
            ["date"] = "Tue, 15 Nov 1994 08:12:31 GMT",
            ["accept"] = "text/html,application/json;q=0.9",
        }));
        Assert.Equal("Tue, 15 Nov 1994 08:12:31 GMT", Assert.Single(request.Headers.Date.ToArray()));
        Assert.Single(request.Headers.UserAgent.ToArray());
        Assert.Equal("text/html,application/json;q=0.9", request.Headers.Accept.ToString());
    }

    [Fact]
    public void HttpV2_CookiesArray_BecomesOneCookieHeader()
    {
        var request = Parse(LambdaEvents.HttpV2("GET", "/", cookies: ["session=abc", "theme=dark"],
            headers: new Dictionary<string, string> { ["cookie"] = "stale=1" }));
        Assert.Equal("session=abc; theme=dark", request.Headers.Cookie.ToString());
    }

    [Fact]
    public void Base64Body_IsDecodedToBytes()
    {
        var bytes = new byte[] { 0x25, 0x50, 0x44, 0x46, 0x00, 0xFF, 0xFE };
        var json = LambdaEvents.HttpV2("POST", "/upload", "placeholder").Replace("\"placeholder\"", "\"" + Convert.ToBase64String(bytes) + "\"", StringComparison.Ordinal)
            .Replace("\"isBase64Encoded\":false", "\"isBase64Encoded\":true", StringComparison.Ordinal);
        var request = Parse(json);
        Assert.Equal(bytes, request.Body);
        Assert.Equal(bytes.Length, request.Headers.ContentLength);
    }

    [Fact]
    public void Base64FlagWithPlainBody_BodyIsTakenAsText()
    {
        var json = LambdaEvents.RestV1("POST", "/my/anotherPath", "Hello from Lambda!").Replace("\"isBase64Encoded\":false", "\"isBase64Encoded\":true", StringComparison.Ordinal);
        Assert.Equal("Hello from Lambda!", Encoding.UTF8.GetString(Parse(json).Body));
    }

    [Fact]
    public void Utf8Bom_IsSkipped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(LambdaEvents.HttpV2("GET", "/WeatherForecast"))).ToArray();
        Assert.Equal("/WeatherForecast", LambdaEventParser.Parse(bytes).Path);
    }

    [Fact]
    public void ContentLength_FollowsTheDecodedBodyAndTransferEncodingIsDropped()
    {
        var request = Parse(LambdaEvents.HttpV2("POST", "/chat", """{"message":"María"}""", headers: new Dictionary<string, string>
        {
            ["content-length"] = "3",
            ["transfer-encoding"] = "chunked",
        }));
        Assert.Equal(Encoding.UTF8.GetByteCount("""{"message":"María"}"""), request.Headers.ContentLength);
        Assert.False(request.Headers.ContainsKey("Transfer-Encoding"));
    }

    [Fact]
    public void RestV1_SourceIpWithPrefixLength_IsTheRemoteAddress()
    {
        Assert.Equal(IPAddress.Parse("192.168.0.1"), Parse(LambdaEvents.RestV1("GET", "/", sourceIp: "192.168.0.1/32")).RemoteIpAddress);
    }

    [Fact]
    public void HttpV2_SourceIp_IsTheRemoteAddress()
    {
        Assert.Equal(IPAddress.Parse("2001:db8::1"), Parse(LambdaEvents.HttpV2("GET", "/", sourceIp: "2001:db8::1")).RemoteIpAddress);
    }

    [Fact]
    public void NoHostHeader_DomainNameIsTheHost()
    {
        var json = """{"httpMethod":"GET","path":"/","headers":null,"requestContext":{"stage":"prod","domainName":"api.example.com"}}""";
        Assert.Equal("api.example.com", Parse(json).Headers.Host.ToString());
    }

    [Theory]
    [InlineData("""{"Records":[{"eventSource":"aws:s3"}]}""")]
    [InlineData("[1,2]")]
    [InlineData("not json")]
    public void NotAnHttpEvent_Throws(string json)
    {
        Assert.Throws<LambdaEventException>(() => Parse(json));
    }
}
