namespace DigitalTwin.AspNetCore.Hosting.Lambda;

/// <summary>The shape of an HTTP event, which also decides the shape of the answer.</summary>
internal enum LambdaEventFormat
{
    /// <summary>API Gateway REST API, or HTTP API with payload format 1.0.</summary>
    ApiGatewayV1,

    /// <summary>API Gateway HTTP API with payload format 2.0.</summary>
    ApiGatewayV2,

    /// <summary>A Lambda Function URL (payload 2.0 shape).</summary>
    FunctionUrl,
}
