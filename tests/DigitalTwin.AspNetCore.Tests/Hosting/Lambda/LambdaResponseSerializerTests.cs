using DigitalTwin.AspNetCore.Hosting.Lambda;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda;

public sealed class LambdaResponseSerializerTests
{
    private static JsonElement Serialize(LambdaEventFormat format, IHeaderDictionary headers, byte[] body, int status = 200)
        => JsonDocument.Parse(LambdaResponseSerializer.Serialize(format, status, headers, body)).RootElement;

    private static HeaderDictionary WithCookies() => new()
    {
        ["Content-Type"] = "application/json",
        ["Set-Cookie"] = new(["a=1; Path=/; HttpOnly", "b=2; Expires=Wed, 21 Oct 2015 07:28:00 GMT"]),
        ["Vary"] = new(["Origin", "Accept-Encoding"]),
    };

    [Fact]
    public void Payload1_SetCookies_AllInMultiValueHeaders()
    {
        var json = Serialize(LambdaEventFormat.ApiGatewayV1, WithCookies(), "{}"u8.ToArray());
        var cookies = json.GetProperty("multiValueHeaders").GetProperty("Set-Cookie").EnumerateArray().Select(c => c.GetString()).ToArray();
        Assert.Equal(new[] { "a=1; Path=/; HttpOnly", "b=2; Expires=Wed, 21 Oct 2015 07:28:00 GMT" }, cookies);
        Assert.False(json.TryGetProperty("cookies", out _));
    }

    [Fact]
    public void Payload2_SetCookies_InCookiesArrayNotHeaders()
    {
        var json = Serialize(LambdaEventFormat.ApiGatewayV2, WithCookies(), "{}"u8.ToArray());
        Assert.Equal(2, json.GetProperty("cookies").GetArrayLength());
        Assert.False(json.GetProperty("headers").TryGetProperty("Set-Cookie", out _));
    }

    [Fact]
    public void Payload2_RepeatedHeader_JoinedWithComma()
    {
        var json = Serialize(LambdaEventFormat.FunctionUrl, WithCookies(), []);
        Assert.Equal("Origin, Accept-Encoding", json.GetProperty("headers").GetProperty("Vary").GetString());
    }

    [Fact]
    public void BinaryContentType_BodyIsBase64()
    {
        var bytes = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF };
        var json = Serialize(LambdaEventFormat.ApiGatewayV2, new HeaderDictionary { ["Content-Type"] = "image/png" }, bytes);
        Assert.True(json.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(bytes, Convert.FromBase64String(json.GetProperty("body").GetString()!));
    }

    [Theory]
    [InlineData("text/html; charset=utf-8")]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/problem+json")]
    [InlineData("application/hal+json")]
    [InlineData("image/svg+xml")]
    [InlineData("application/xml")]
    [InlineData("application/javascript")]
    [InlineData("text/event-stream")]
    public void TextContentType_BodyIsSentAsIs(string contentType)
    {
        var json = Serialize(LambdaEventFormat.ApiGatewayV1, new HeaderDictionary { ["Content-Type"] = contentType }, Encoding.UTF8.GetBytes("héllo"));
        Assert.False(json.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal("héllo", json.GetProperty("body").GetString());
    }

    [Theory]
    [InlineData("application/octet-stream")]
    [InlineData("application/pdf")]
    [InlineData("image/jpeg")]
    public void BinaryContentTypes_AreBase64(string contentType)
    {
        var json = Serialize(LambdaEventFormat.ApiGatewayV2, new HeaderDictionary { ["Content-Type"] = contentType }, "abc"u8.ToArray());
        Assert.True(json.GetProperty("isBase64Encoded").GetBoolean());
    }

    [Fact]
    public void AbsentContentType_Utf8Body_IsText()
    {
        var json = Serialize(LambdaEventFormat.ApiGatewayV2, new HeaderDictionary(), "plain"u8.ToArray());
        Assert.False(json.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal("plain", json.GetProperty("body").GetString());
    }

    [Fact]
    public void AbsentContentType_InvalidUtf8Body_IsBase64()
    {
        var json = Serialize(LambdaEventFormat.ApiGatewayV2, new HeaderDictionary(), [0xC3, 0x28, 0xFF]);
        Assert.True(json.GetProperty("isBase64Encoded").GetBoolean());
    }

    [Fact]
    public void HopByHopHeaders_AreLeftOut()
    {
        var json = Serialize(LambdaEventFormat.ApiGatewayV1, new HeaderDictionary { ["Transfer-Encoding"] = "chunked", ["Connection"] = "close", ["X-Kept"] = "1" }, []);
        var headers = json.GetProperty("multiValueHeaders");
        Assert.False(headers.TryGetProperty("Transfer-Encoding", out _));
        Assert.False(headers.TryGetProperty("Connection", out _));
        Assert.True(headers.TryGetProperty("X-Kept", out _));
    }

    [Fact]
    public void StreamingPrelude_HasStatusHeadersAndCookies()
    {
        var prelude = JsonDocument.Parse(LambdaResponseSerializer.Prelude(201, WithCookies())).RootElement;
        Assert.Equal(201, prelude.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/json", prelude.GetProperty("headers").GetProperty("Content-Type").GetString());
        Assert.Equal(2, prelude.GetProperty("cookies").GetArrayLength());
        Assert.False(prelude.TryGetProperty("body", out _));
    }

    [Fact]
    public void StatusCode_IsWrittenAsANumber()
    {
        Assert.Equal(JsonValueKind.Number, Serialize(LambdaEventFormat.ApiGatewayV1, new HeaderDictionary(), [], 418).GetProperty("statusCode").ValueKind);
    }
}
