using DigitalTwin.AspNetCore.Hosting.Lambda;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda;

/// <summary>Events in the exact shapes of the AWS documentation's examples for each payload format, mapped end to end.</summary>
public sealed class AwsDocsEventTests
{
    /// <summary>Parses one of the examples in <c>AwsDocsEvents/</c>, copied verbatim from the AWS documentation.</summary>
    private static LambdaRequest Parse(string example) =>
        LambdaEventParser.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Hosting", "Lambda", "AwsDocsEvents", example)));

    [Fact]
    public void HttpApiV2DocsExample_MapsMethodPathQueryHeadersCookiesBodyAndIp()
    {
        var request = Parse("http-api-v2.json");
        Assert.Equal(LambdaEventFormat.ApiGatewayV2, request.Format);
        Assert.Equal("POST", request.Method);
        Assert.Equal(string.Empty, request.PathBase);
        Assert.Equal("/my/path", request.Path);
        Assert.Equal("?parameter1=value1&parameter1=value2&parameter2=value", request.QueryString);
        Assert.Equal("value1,value2", request.Headers["header2"].ToString());
        Assert.Equal("cookie1; cookie2", request.Headers.Cookie.ToString());
        Assert.Equal("Hello from Lambda", Encoding.UTF8.GetString(request.Body));
        Assert.Equal(17, request.Headers.ContentLength);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), request.RemoteIpAddress);
        Assert.Equal("id.execute-api.us-east-1.amazonaws.com", request.Headers.Host.ToString());
    }

    [Fact]
    public void RestV1DocsExample_MapsMultiValueHeadersAndQuery()
    {
        var request = Parse("rest-api-v1.json");
        Assert.Equal(LambdaEventFormat.ApiGatewayV1, request.Format);
        Assert.Equal("GET", request.Method);
        Assert.Equal(string.Empty, request.PathBase);
        Assert.Equal("/my/path", request.Path);
        Assert.Equal("?parameter1=value1&parameter1=value2&parameter2=value", request.QueryString);
        Assert.Equal(new[] { "value1", "value2" }, request.Headers["header2"].ToArray());
        Assert.Equal(IPAddress.Parse("192.0.2.1"), request.RemoteIpAddress);
    }

    [Fact]
    public void FunctionUrlDocsExample_IsAFunctionUrlEvent()
    {
        var request = Parse("function-url.json");
        Assert.Equal(LambdaEventFormat.FunctionUrl, request.Format);
        Assert.Equal("/my/path", request.Path);
        Assert.Equal("cookie1; cookie2", request.Headers.Cookie.ToString());
        Assert.Equal(IPAddress.Parse("123.123.123.123"), request.RemoteIpAddress);
        Assert.Equal("Hello from client!", Encoding.UTF8.GetString(request.Body));
    }
}
