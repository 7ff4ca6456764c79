namespace DigitalTwin.Conversations;

/// <summary>Records one <c>AddDigitalTwin</c> call.</summary>
internal sealed record DigitalTwinRegistration(string Name);
