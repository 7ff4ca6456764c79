using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DigitalTwin.AspNetCore.Http;

/// <summary>
/// Adds the contracts' and ProblemDetails' source-generated JSON metadata (<see cref="ContractsJsonContext"/>) to the app's HTTP JSON options when
/// the endpoints are mapped, so that whatever reads those options for our types — ProblemDetails results, the OpenAPI document's schemas, the
/// Request Delegate Generator's code — finds them under Native AOT, where no reflection-based resolver is present. It is
/// appended after the app's own resolvers, so under the JIT the default resolver still answers first and nothing changes.
/// </summary>
internal static class HttpJsonContracts
{
    public static void Register(IServiceProvider services)
    {
        var json = services.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions;
        if (json is null || json.IsReadOnly || json.TypeInfoResolverChain.Contains(ContractsJsonContext.Default))
        {
            return; // already serving (our endpoints pass their metadata explicitly), or already registered
        }

        json.TypeInfoResolverChain.Add(ContractsJsonContext.Default);
    }
}
