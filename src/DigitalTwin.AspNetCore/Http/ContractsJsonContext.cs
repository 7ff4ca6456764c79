using System.Text.Json;
using System.Text.Json.Serialization;
using DigitalTwin.AspNetCore.Contracts;
using DigitalTwin.AspNetCore.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace DigitalTwin.AspNetCore.Http;

/// <summary>
/// Source-generated JSON for the HTTP contracts, the stream's event payloads and the ProblemDetails answers, with the web
/// defaults the endpoints always used (case-insensitive reading): no reflection at start-up or per request, so the same
/// answers come from a Native AOT build. ProblemDetails are written by ASP.NET Core from the app's HTTP JSON options, to
/// which <see cref="HttpJsonContracts"/> adds this context.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ChatResponse))]
[JsonSerializable(typeof(ConversationResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(HealthReportResponse))]
[JsonSerializable(typeof(ServiceInfoResponse))]
[JsonSerializable(typeof(PersonaResponse))]
[JsonSerializable(typeof(AnalyticsResponse))]
[JsonSerializable(typeof(OwnerRecordsResponse))]
[JsonSerializable(typeof(SessionEventPayload))]
[JsonSerializable(typeof(DeltaEventPayload))]
[JsonSerializable(typeof(DoneEventPayload))]
[JsonSerializable(typeof(ErrorEventPayload))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
internal sealed partial class ContractsJsonContext : JsonSerializerContext;
