using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace DigitalTwin.AspNetCore.Http;

/// <summary>The start-up checks of the owner's endpoints, which always require authorization.</summary>
internal static class AuthorizedEndpoints
{
    /// <summary>Throws unless authorization is registered with at least one authentication scheme (else every anonymous call would be a 500).</summary>
    /// <param name="services">The app's services.</param>
    /// <param name="method">The mapping method, for the message (<c>MapDigitalTwinAnalytics</c>).</param>
    /// <param name="serves">What the endpoint serves, for the message (<c>usage and cost figures</c>).</param>
    public static void Require(IServiceProvider services, string method, string serves)
    {
        if (services.GetService(typeof(IAuthorizationPolicyProvider)) is null)
        {
            throw new InvalidOperationException(
                $"{method} serves {serves} and always requires authorization: call builder.Services.AddAuthorization() " +
                "and set up authentication (for example builder.Services.AddAuthentication().AddJwtBearer()) before building the app.");
        }

        // Without a scheme, the authorization middleware cannot challenge an anonymous caller and every such request fails
        // with 500: refuse at start instead.
        if (services.GetService(typeof(IAuthenticationSchemeProvider)) is not IAuthenticationSchemeProvider schemes || !schemes.GetAllSchemesAsync().GetAwaiter().GetResult().Any())
        {
            throw new InvalidOperationException(
                $"{method} requires authorization, but no authentication scheme is registered, so anonymous callers could not be " +
                "challenged: add one before building the app, for example builder.Services.AddAuthentication().AddJwtBearer() (package " +
                "Microsoft.AspNetCore.Authentication.JwtBearer) or AddCookie(), and keep builder.Services.AddAuthorization().");
        }
    }
}
