using DigitalTwin.AspNetCore.Hosting.Lambda;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda;

/// <summary>Events in the exact shapes of the AWS documentation's examples for each payload format, mapped end to end.</summary>
public sealed class AwsDocsEventTests
{
    private const string HttpApiV2 = """
        {
          "version": "2.0",
          "routeKey": "$default",
          "rawPath": "/my/path",
          "rawQueryString": "parameter1=value1&parameter1=value2&parameter2=value",
          "cookies": ["cookie1", "cookie2"],
          "headers": { "header1": "value1", "header2": "value1,value2" },
          "queryStringParameters": { "parameter1": "value1,value2", "parameter2": "value" },
          "requestContext": {
            "accountId": "123456789012",
            "apiId": "api-id",
            "authentication": null,
            "domainName": "id.execute-api.us-east-1.amazonaws.com",
            "domainPrefix": "id",
            "http": { "method": "POST", "path": "/my/path", "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1", "userAgent": "agent" },
            "requestId": "id",
            "routeKey": "$default",
            "stage": "$default",
            "time": "12/Mar/2020:19:03:58 +0000",
            "timeEpoch": 1583348638390
          },
          "body": "Hello from Lambda",
          "pathParameters": { "parameter1": "value1" },
          "isBase64Encoded": false,
          "stageVariables": { "stageVariable1": "value1" }
        }
        """;

    private const string RestV1 = """
        {
          "version": "1.0",
          "resource": "/my/path",
          "path": "/my/path",
          "httpMethod": "GET",
          "headers": { "header1": "value1", "header2": "value2" },
          "multiValueHeaders": { "header1": ["value1"], "header2": ["value1", "value2"] },
          "queryStringParameters": { "parameter1": "value1", "parameter2": "value" },
          "multiValueQueryStringParameters": { "parameter1": ["value1", "value2"], "parameter2": ["value"] },
          "requestContext": {
            "accountId": "123456789012",
            "apiId": "id",
            "domainName": "id.execute-api.us-east-1.amazonaws.com",
            "domainPrefix": "id",
            "extendedRequestId": "request-id",
            "httpMethod": "GET",
            "identity": { "sourceIp": "192.0.2.1", "userAgent": "user-agent" },
            "path": "/my/path",
            "protocol": "HTTP/1.1",
            "requestId": "id=",
            "requestTime": "04/Mar/2020:19:15:17 +0000",
            "requestTimeEpoch": 1583349317135,
            "resourceId": null,
            "resourcePath": "/my/path",
            "stage": "$default"
          },
          "pathParameters": null,
          "stageVariables": null,
          "body": "Hello from Lambda!",
          "isBase64Encoded": false
        }
        """;

    private const string FunctionUrl = """
        {
          "version": "2.0",
          "routeKey": "$default",
          "rawPath": "/my/path",
          "rawQueryString": "parameter1=value1&parameter1=value2&parameter2=value",
          "cookies": ["cookie1", "cookie2"],
          "headers": { "header1": "value1", "header2": "value1,value2" },
          "queryStringParameters": { "parameter1": "value1,value2", "parameter2": "value" },
          "requestContext": {
            "accountId": "123456789012",
            "apiId": "<urlid>",
            "authentication": null,
            "authorizer": { "iam": { "accessKey": "AKIA...", "accountId": "111122223333", "callerId": "AIDA...", "userArn": "arn:aws:iam::111122223333:user/example-user", "userId": "AIDA..." } },
            "domainName": "<url-id>.lambda-url.us-west-2.on.aws",
            "domainPrefix": "<url-id>",
            "http": { "method": "POST", "path": "/my/path", "protocol": "HTTP/1.1", "sourceIp": "123.123.123.123", "userAgent": "agent" },
            "requestId": "id",
            "routeKey": "$default",
            "stage": "$default",
            "time": "12/Mar/2020:19:03:58 +0000",
            "timeEpoch": 1583348638390
          },
          "body": "Hello from client!",
          "pathParameters": null,
          "isBase64Encoded": false,
          "stageVariables": null
        }
        """;

    private static LambdaRequest Parse(string json) => LambdaEventParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void HttpApiV2DocsExample_MapsMethodPathQueryHeadersCookiesBodyAndIp()
    {
        var request = Parse(HttpApiV2);
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
        var request = Parse(RestV1);
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
        var request = Parse(FunctionUrl);
        Assert.Equal(LambdaEventFormat.FunctionUrl, request.Format);
        Assert.Equal("/my/path", request.Path);
        Assert.Equal("cookie1; cookie2", request.Headers.Cookie.ToString());
        Assert.Equal(IPAddress.Parse("123.123.123.123"), request.RemoteIpAddress);
        Assert.Equal("Hello from client!", Encoding.UTF8.GetString(request.Body));
    }
}
