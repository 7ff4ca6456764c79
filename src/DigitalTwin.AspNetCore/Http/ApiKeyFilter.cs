using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace DigitalTwin.AspNetCore.Http;

/// <summary>
/// Requires one of the configured API keys in a header. Keys are compared as SHA-256 hashes in constant time, so neither
/// their content nor their length leaks through timing.
/// </summary>
internal sealed class ApiKeyFilter(IEnumerable<string> keys, string header) : IEndpointFilter
{
    private readonly byte[][] _hashes = [.. keys.Select(Hash)];

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = context.HttpContext.Request.Headers[header].ToString();
        if (presented.Length > 0 && Matches(Hash(presented)))
        {
            return next(context);
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{header}\"";
        return ValueTask.FromResult<object?>(TwinProblems.Unauthorized(context.HttpContext, header, missing: presented.Length == 0));
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private bool Matches(byte[] presented)
    {
        var match = false;
        foreach (var hash in _hashes)
        {
            match |= CryptographicOperations.FixedTimeEquals(hash, presented);
        }

        return match;
    }
}
