using System.Net;
using Microsoft.AspNetCore.Http;

namespace DigitalTwin.AspNetCore.Hosting.Lambda;

/// <summary>An HTTP request read from a Lambda event, in the terms ASP.NET Core uses.</summary>
internal sealed class LambdaRequest
{
    public required LambdaEventFormat Format { get; init; }

    public required string Method { get; init; }

    /// <summary>The stage (or base path) the API put before the app's routes; empty for <c>$default</c>.</summary>
    public string PathBase { get; init; } = string.Empty;

    /// <summary>The decoded path (with <c>%2F</c> kept encoded, as Kestrel does).</summary>
    public required string Path { get; init; }

    /// <summary>The query string with its leading <c>?</c>, or empty.</summary>
    public string QueryString { get; init; } = string.Empty;

    /// <summary>The request target as the client sent it (path base, raw path, query).</summary>
    public required string RawTarget { get; init; }

    /// <summary>The scheme the client used (X-Forwarded-Proto, else https).</summary>
    public string Scheme => LambdaHttpText.Scheme(this);

    public IHeaderDictionary Headers { get; } = new HeaderDictionary();

    public byte[] Body { get; init; } = [];

    public IPAddress? RemoteIpAddress { get; init; }
}
