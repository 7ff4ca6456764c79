using DigitalTwin.Analytics;
using DigitalTwin.AspNetCore;
using DigitalTwin.AspNetCore.Endpoints;
using DigitalTwin.Owner;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the owner's endpoints: conversation analytics and what visitors left for the owner.</summary>
public static class DigitalTwinOwnerEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET {pattern}?twin=&amp;from=&amp;to=</c>, which summarises a twin's conversations over a period
    /// (<see cref="IConversationAnalytics"/>): conversations, turns, tokens, estimated cost, p50/p95 latency. The endpoint
    /// always requires authorization (<see cref="DigitalTwinAnalyticsEndpointOptions.AuthorizationPolicy"/>, else the app's
    /// default policy), because usage and cost are not for visitors. <c>from</c> and <c>to</c> are ISO 8601 dates (whole UTC
    /// days, both inclusive) or date-times; the default is the last 7 days.
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="pattern">Where the endpoint lives. Default <c>/analytics</c>.</param>
    /// <param name="configure">Changes the endpoint's settings.</param>
    /// <returns>The endpoint's route group, for more conventions (another policy, rate limiting…).</returns>
    /// <exception cref="InvalidOperationException"><c>AddDigitalTwin</c> or <c>AddAuthorization</c> was not called, no authentication scheme is registered, or the settings are invalid.</exception>
    public static RouteGroupBuilder MapDigitalTwinAnalytics(
        this IEndpointRouteBuilder endpoints, string pattern = "/analytics", Action<DigitalTwinAnalyticsEndpointOptions>? configure = null)
        => OwnerEndpoint.Map(endpoints, pattern, configure, records: false);

    /// <summary>
    /// Maps <c>GET {pattern}?twin=&amp;from=&amp;to=</c>, which lists a twin's leads and unanswered questions over a period
    /// (<see cref="IOwnerRecordsReader"/>), oldest first. Like <c>MapDigitalTwinAnalytics</c> it always requires
    /// authorization (<see cref="DigitalTwinAnalyticsEndpointOptions.AuthorizationPolicy"/>, else the app's default policy),
    /// because visitors' contact details are for the owner only, and reads the period the same way: <c>from</c> and <c>to</c>
    /// are ISO 8601 dates (whole UTC days, both inclusive) or date-times; the default is the last 7 days.
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="pattern">Where the endpoint lives. Default <c>/owner/records</c>.</param>
    /// <param name="configure">Changes the endpoint's settings (policy, default and longest period).</param>
    /// <returns>The endpoint's route group, for more conventions (another policy, rate limiting…).</returns>
    /// <exception cref="InvalidOperationException"><c>AddDigitalTwin</c> or <c>AddAuthorization</c> was not called, no authentication scheme is registered, or the settings are invalid.</exception>
    public static RouteGroupBuilder MapDigitalTwinOwnerRecords(
        this IEndpointRouteBuilder endpoints, string pattern = "/owner/records", Action<DigitalTwinAnalyticsEndpointOptions>? configure = null)
        => OwnerEndpoint.Map(endpoints, pattern, configure, records: true);
}
