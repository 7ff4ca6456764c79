namespace DigitalTwin.AspNetCore.Hosting.Lambda;

/// <summary>
/// Settings of the AWS Lambda host added by <c>AddDigitalTwinLambdaHosting</c>: the section <c>DigitalTwin:Lambda</c>,
/// then the <c>DIGITALTWIN_LAMBDA_STREAMING</c> variable, then the delegate given to <c>AddDigitalTwinLambdaHosting</c>.
/// </summary>
public sealed class LambdaHostingOptions
{
    /// <summary>
    /// Whether Function URL invocations are answered in Lambda's response-streaming mode (the URL's <c>InvokeMode</c> must be
    /// <c>RESPONSE_STREAM</c>), so <c>POST /chat/stream</c> reaches the browser piece by piece. API Gateway invocations are
    /// always answered buffered. Default <see langword="false"/>; <c>DIGITALTWIN_LAMBDA_STREAMING=true</c> turns it on.
    /// </summary>
    public bool ResponseStreaming { get; set; }

    /// <summary>
    /// The Runtime API's address as <c>host:port</c>. Default: the <c>AWS_LAMBDA_RUNTIME_API</c> variable that Lambda sets.
    /// </summary>
    public string? RuntimeApi { get; set; }
}
