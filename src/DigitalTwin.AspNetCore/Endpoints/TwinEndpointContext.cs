using DigitalTwin.AspNetCore.Http;
using DigitalTwin.Conversations;
using DigitalTwin.Memory;
using DigitalTwin.Providers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitalTwin.AspNetCore.Endpoints;

/// <summary>What every DigitalTwin endpoint needs, built once when the endpoints are mapped.</summary>
internal sealed partial class TwinEndpointContext(
    DigitalTwinEndpointOptions options, TwinResolver resolver, IOptionsMonitor<DigitalTwinOptions> twinOptions, RateLimits limits, ILogger logger)
{
    public DigitalTwinEndpointOptions Options { get; } = options;

    public TwinResolver Resolver { get; } = resolver;

    public ILogger Logger { get; } = logger;

    public RateLimits Limits { get; } = limits;

    /// <summary>Reads and checks a chat request: JSON, size, message, session id, turn id. Nothing is read from the store before this passes.</summary>
    public async Task<(IDigitalTwin? Twin, TwinChatRequest? Request, IResult? Problem)> ReadChatAsync(HttpContext context)
    {
        var (twin, unknown) = Resolver.Resolve(context);
        if (twin is null)
        {
            return (null, null, unknown);
        }

        var (body, problem) = await JsonBody.ReadAsync(context, ContractsJsonContext.Default.ChatRequest, Options.MaxRequestBodySize, Logger).ConfigureAwait(false);
        if (body is null)
        {
            return (null, null, problem);
        }

        SessionId? session = null;
        if (body.SessionId is not null)
        {
            if (!SessionId.TryParse(body.SessionId, out var parsed))
            {
                return (null, null, TwinProblems.BadRequest(context, ProblemTexts.Format(ProblemTexts.For(context).InvalidSessionField, SessionId.MinLength, SessionId.MaxLength)));
            }

            session = parsed;
            if (Limits.AcquireForSession(parsed, context) is { } limited)
            {
                return (null, null, limited);
            }
        }

        var turnId = context.Request.Headers.TryGetValue("Idempotency-Key", out var key) ? key.ToString() : body.TurnId;
        if (body.TurnId is not null && !string.Equals(turnId, body.TurnId, StringComparison.Ordinal))
        {
            return (null, null, TwinProblems.BadRequest(context, ProblemTexts.For(context).TurnIdMismatch));
        }

        if (TwinRequestValidator.Problem(body.Message, turnId, twinOptions.Get(twin.Name), ProblemTexts.For(context).Language) is { } invalid)
        {
            return (null, null, TwinProblems.BadRequest(context, invalid));
        }

        return (twin, new TwinChatRequest(body.Message!, session) { TurnId = turnId, ClientAddress = context.Connection.RemoteIpAddress?.ToString() }, null);
    }

    /// <summary>Turns a failure of the twin into a problem result; exception text is logged, never returned.</summary>
    public IResult Fail(Exception ex, HttpContext context)
    {
        switch (ex)
        {
            case ChatProviderException provider:
                return TwinProblems.From(provider, context);
            case ConversationStoreException store:
                LogStoreFailed(Logger, store, store.Failure);
                return TwinProblems.From(store, context);
            case TurnInProgressException inProgress:
                LogTurnInProgress(Logger, inProgress);
                return TwinProblems.From(inProgress, context);
            case IdempotencyKeyReusedException:
                LogKeyReused(Logger);
                return TwinProblems.KeyReused();
            default:
                LogUnexpected(Logger, ex, context.Request.Path);
                return TwinProblems.Unexpected(context);
        }
    }

    /// <summary>Logs, once when the endpoints are mapped, why <c>GET /health/ready</c> is missing.</summary>
    public void LogReadinessNotMapped() => LogNoReadiness(Logger);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "GET /health/ready is not mapped: call .AddDigitalTwinHealthChecks() after AddDigitalTwin() to register the readiness checks")]
    private static partial void LogNoReadiness(ILogger logger);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "The conversation store failed ({Failure})")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, ConversationStoreFailure failure);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "A repeated Idempotency-Key was still being answered elsewhere; answered 409")]
    private static partial void LogTurnInProgress(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "A repeated Idempotency-Key came with a different message; answered 422")]
    private static partial void LogKeyReused(ILogger logger);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Unexpected error serving {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, PathString path);
}
