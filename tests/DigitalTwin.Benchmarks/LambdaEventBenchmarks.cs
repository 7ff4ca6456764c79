using System.Text;
using BenchmarkDotNet.Attributes;
using DigitalTwin.AspNetCore.Hosting.Lambda;
using Microsoft.AspNetCore.Http;

namespace DigitalTwin.Benchmarks;

/// <summary>
/// Lambda event mapping: parsing an API Gateway HTTP API (2.0) and a REST API (1.0) <c>POST /chat</c> event into a
/// request, and serializing the JSON answer back into the integration response.
/// </summary>
[MemoryDiagnoser]
public class LambdaEventBenchmarks
{
    private static readonly byte[] HttpApiV2 = Encoding.UTF8.GetBytes("""
        {"version":"2.0","routeKey":"$default","rawPath":"/chat","rawQueryString":"lang=en",
         "cookies":["theme=dark"],
         "headers":{"content-type":"application/json","accept":"application/json","user-agent":"Mozilla/5.0 (X11; Linux x86_64)","x-forwarded-for":"203.0.113.9","host":"abc.execute-api.eu-west-1.amazonaws.com"},
         "queryStringParameters":{"lang":"en"},
         "requestContext":{"accountId":"123456789012","apiId":"abc","domainName":"abc.execute-api.eu-west-1.amazonaws.com","domainPrefix":"abc",
           "http":{"method":"POST","path":"/chat","protocol":"HTTP/1.1","sourceIp":"203.0.113.9","userAgent":"Mozilla/5.0"},
           "requestId":"id","routeKey":"$default","stage":"$default","time":"24/Nov/2026:22:00:00 +0000","timeEpoch":1795557600000},
         "body":"{\"message\":\"What do you work on these days?\",\"session_id\":\"3f2c9a1e-8b7d-4c6a-9e5f-1a2b3c4d5e6f\"}","isBase64Encoded":false}
        """);

    private static readonly byte[] RestApiV1 = Encoding.UTF8.GetBytes("""
        {"resource":"/{proxy+}","path":"/chat","httpMethod":"POST",
         "headers":{"Content-Type":"application/json","Host":"abc.execute-api.eu-west-1.amazonaws.com","User-Agent":"curl/8.5.0"},
         "multiValueHeaders":{"Content-Type":["application/json"],"Host":["abc.execute-api.eu-west-1.amazonaws.com"],"User-Agent":["curl/8.5.0"]},
         "queryStringParameters":null,"multiValueQueryStringParameters":null,"pathParameters":{"proxy":"chat"},"stageVariables":null,
         "requestContext":{"resourcePath":"/{proxy+}","httpMethod":"POST","path":"/prod/chat","stage":"prod","identity":{"sourceIp":"203.0.113.9"},"requestId":"id"},
         "body":"{\"message\":\"Hi\"}","isBase64Encoded":false}
        """);

    private static readonly byte[] Answer = Encoding.UTF8.GetBytes("""{"response":"I design serverless platforms on AWS and mentor engineers.","session_id":"3f2c9a1e-8b7d-4c6a-9e5f-1a2b3c4d5e6f"}""");

    private readonly HeaderDictionary _headers = new() { ["Content-Type"] = "application/json; charset=utf-8", ["Set-Cookie"] = "seen=1; Path=/" };

    [Benchmark(Description = "parse HTTP API 2.0 event")]
    public object ParseV2() => LambdaEventParser.Parse(HttpApiV2);

    [Benchmark(Description = "parse REST API 1.0 event")]
    public object ParseV1() => LambdaEventParser.Parse(RestApiV1);

    [Benchmark(Description = "serialize 2.0 response")]
    public int SerializeV2() => LambdaResponseSerializer.Serialize(LambdaEventFormat.ApiGatewayV2, 200, _headers, Answer).Length;

    [Benchmark(Description = "serialize 1.0 response")]
    public int SerializeV1() => LambdaResponseSerializer.Serialize(LambdaEventFormat.ApiGatewayV1, 200, _headers, Answer).Length;
}
