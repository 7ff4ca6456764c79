using System.Text;
using BenchmarkDotNet.Attributes;
using DigitalTwin.AspNetCore.Hosting.Lambda;
using Microsoft.AspNetCore.Http;

namespace DigitalTwin.Benchmarks;

/// <summary>
/// Lambda hosting's per-invocation mapping: a chat request event (API Gateway HTTP API 2.0 and REST API 1.0 shapes) into
/// a request, and a chat answer into the buffered response JSON.
/// </summary>
[MemoryDiagnoser]
public class LambdaEventBenchmarks
{
    private static readonly byte[] V2 = Encoding.UTF8.GetBytes("""
        {"version":"2.0","routeKey":"POST /chat","rawPath":"/chat","rawQueryString":"",
         "headers":{"accept":"application/json","content-type":"application/json","content-length":"103","host":"abc123.execute-api.us-east-1.amazonaws.com","user-agent":"Mozilla/5.0","x-forwarded-for":"203.0.113.7","x-forwarded-port":"443","x-forwarded-proto":"https"},
         "requestContext":{"accountId":"123456789012","apiId":"abc123","domainName":"abc123.execute-api.us-east-1.amazonaws.com","domainPrefix":"abc123",
           "http":{"method":"POST","path":"/chat","protocol":"HTTP/1.1","sourceIp":"203.0.113.7","userAgent":"Mozilla/5.0"},
           "requestId":"JKJaXmPLvHcESHA=","routeKey":"POST /chat","stage":"$default","time":"24/Nov/2026:23:00:00 +0000","timeEpoch":1795820400000},
         "body":"{\"message\":\"Hi! What do you work on these days?\",\"session_id\":\"2b4f7c1e-9a7d-4a51-8d0e-3f2c6b9e1a77\"}","isBase64Encoded":false}
        """);

    private static readonly byte[] V1 = Encoding.UTF8.GetBytes("""
        {"resource":"/chat","path":"/chat","httpMethod":"POST",
         "headers":{"Accept":"application/json","Content-Type":"application/json","Host":"abc123.execute-api.us-east-1.amazonaws.com","User-Agent":"Mozilla/5.0","X-Forwarded-For":"203.0.113.7","X-Forwarded-Port":"443","X-Forwarded-Proto":"https"},
         "multiValueHeaders":{"Accept":["application/json"],"Content-Type":["application/json"],"Host":["abc123.execute-api.us-east-1.amazonaws.com"],"User-Agent":["Mozilla/5.0"],"X-Forwarded-For":["203.0.113.7"],"X-Forwarded-Port":["443"],"X-Forwarded-Proto":["https"]},
         "queryStringParameters":null,"multiValueQueryStringParameters":null,"pathParameters":null,"stageVariables":null,
         "requestContext":{"accountId":"123456789012","apiId":"abc123","httpMethod":"POST","path":"/prod/chat","protocol":"HTTP/1.1","requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef","resourcePath":"/chat","stage":"prod","identity":{"sourceIp":"203.0.113.7","userAgent":"Mozilla/5.0"}},
         "body":"{\"message\":\"Hi! What do you work on these days?\",\"session_id\":\"2b4f7c1e-9a7d-4a51-8d0e-3f2c6b9e1a77\"}","isBase64Encoded":false}
        """);

    private readonly byte[] _answer = Encoding.UTF8.GetBytes("{\"response\":\"I build web APIs in C# and enjoy making them fast. Ask me about my projects!\",\"session_id\":\"2b4f7c1e-9a7d-4a51-8d0e-3f2c6b9e1a77\"}");
    private readonly HeaderDictionary _headers = new() { ["Content-Type"] = "application/json; charset=utf-8", ["Cache-Control"] = "no-store" };

    [Benchmark(Description = "parse HTTP API 2.0 event")]
    public string ParseV2() => LambdaEventParser.Parse(V2).Path;

    [Benchmark(Description = "parse REST API 1.0 event")]
    public string ParseV1() => LambdaEventParser.Parse(V1).Path;

    [Benchmark(Description = "serialize 2.0 response")]
    public byte[] SerializeResponse() => LambdaResponseSerializer.Serialize(LambdaEventFormat.ApiGatewayV2, 200, _headers, _answer);
}
