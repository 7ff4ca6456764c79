using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitalTwin.AspNetCore.Tests.Endpoints;

/// <summary>A test authentication scheme: <c>X-Test-User: name</c> signs in, <c>X-Test-Role</c> adds a role.</summary>
internal sealed class HeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestHeader";

    /// <summary>The policy <see cref="AddWithAdminsPolicy"/> adds: signed in with the role <c>admin</c>.</summary>
    public const string AdminsPolicy = "Admins";

    /// <summary>Makes this scheme the default and adds <see cref="AdminsPolicy"/>, as the owner endpoints' tests map them.</summary>
    public static void AddWithAdminsPolicy(IServiceCollection services)
    {
        services.AddAuthentication(SchemeName).AddScheme<AuthenticationSchemeOptions, HeaderAuthentication>(SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(AdminsPolicy, p => p.RequireRole("admin"));
    }

    /// <summary>For an endpoint behind <see cref="AdminsPolicy"/>: an anonymous GET of <paramref name="path"/> is 401, a visitor's is 403.</summary>
    public static async Task AssertAdminsOnlyAsync(HttpClient client, string path)
    {
        using var anonymous = await client.SendAsync(Get(path, user: null, role: null));
        using var visitor = await client.SendAsync(Get(path, role: "visitor"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, visitor.StatusCode);
    }

    /// <summary>An admin's GET of <paramref name="path"/> is answered with <paramref name="status"/> as problem details.</summary>
    public static async Task AssertProblemAsync(HttpClient client, string path, int status)
    {
        using var response = await client.SendAsync(Get(path));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A GET of <paramref name="path"/> signed in as <paramref name="user"/> with <paramref name="role"/> (anonymous when null).</summary>
    public static HttpRequestMessage Get(string path, string? user = "ada", string? role = "admin")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (user is not null)
        {
            request.Headers.Add("X-Test-User", user);
        }

        if (role is not null)
        {
            request.Headers.Add("X-Test-Role", role);
        }

        return request;
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers["X-Test-User"].ToString() is not { Length: > 0 } user)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, user) };
        if (Request.Headers["X-Test-Role"].ToString() is { Length: > 0 } role)
        {
            claims.Add(new Claim(ClaimTypes.Role, role));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName)));
    }
}
