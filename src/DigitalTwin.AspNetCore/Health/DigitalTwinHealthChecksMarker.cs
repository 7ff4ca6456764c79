namespace DigitalTwin.AspNetCore.Health;

/// <summary>Registered by <c>AddDigitalTwinHealthChecks</c>; tells <c>MapDigitalTwin</c> to map <c>GET /health/ready</c>.</summary>
internal sealed class DigitalTwinHealthChecksMarker;
