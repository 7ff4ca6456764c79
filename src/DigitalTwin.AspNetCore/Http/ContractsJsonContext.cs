using System.Text.Json;
using System.Text.Json.Serialization;
using DigitalTwin.AspNetCore.Contracts;
using DigitalTwin.AspNetCore.Endpoints;

namespace DigitalTwin.AspNetCore.Http;

/// <summary>
/// Source-generated JSON for the HTTP contracts and the stream's event payloads, with the web defaults the endpoints
/// always used (case-insensitive reading): no reflection at start-up or per request.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ChatResponse))]
[JsonSerializable(typeof(ConversationResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(HealthReportResponse))]
[JsonSerializable(typeof(ServiceInfoResponse))]
[JsonSerializable(typeof(AnalyticsResponse))]
[JsonSerializable(typeof(SessionEventPayload))]
[JsonSerializable(typeof(DeltaEventPayload))]
[JsonSerializable(typeof(DoneEventPayload))]
[JsonSerializable(typeof(ErrorEventPayload))]
internal sealed partial class ContractsJsonContext : JsonSerializerContext;
