using Microsoft.AspNetCore.Http.Metadata;

namespace DigitalTwin.AspNetCore.Http;

/// <summary>
/// Describes a JSON request body for API descriptions (OpenAPI) without listing content types, so routing does not match
/// on Content-Type: the endpoint reads the body itself and answers a wrong content type with its own 415 ProblemDetails.
/// </summary>
internal sealed class RequestBodyMetadata(Type requestType) : IAcceptsMetadata
{
    public IReadOnlyList<string> ContentTypes { get; } = [];

    public Type? RequestType { get; } = requestType;

    public bool IsOptional => false;
}
