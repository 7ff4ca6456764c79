using Microsoft.Extensions.Logging;

namespace DigitalTwin.AspNetCore.Hosting.Lambda;

/// <summary>The Lambda host's log messages.</summary>
internal static partial class LambdaLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Lambda host polling the Runtime API at {RuntimeApi} (response streaming for Function URLs: {Streaming})")]
    public static partial void Started(ILogger logger, string runtimeApi, bool streaming);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Invocation {RequestId}: the event is not an HTTP event this host reads")]
    public static partial void InvalidEvent(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "Invocation {RequestId}: the application failed; answering 500")]
    public static partial void ApplicationFailed(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "Invocation {RequestId}: the response failed after it started streaming")]
    public static partial void StreamFailed(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "Invocation {RequestId}: the deadline passed before the answer was complete")]
    public static partial void DeadlineExceeded(ILogger logger, string requestId);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Error, Message = "Invocation {RequestId}: the app set Content-Length {Declared} but wrote {Written} bytes; answering 500")]
    public static partial void ContentLengthMismatch(ILogger logger, string requestId, long declared, long written);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Critical, Message = "The Lambda host cannot reach the Runtime API; stopping")]
    public static partial void RuntimeApiFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Critical, Message = "The application stopped before it started; reporting the start-up failure to Lambda")]
    public static partial void StartupFailed(ILogger logger);

    [LoggerMessage(EventId = 6009, Level = LogLevel.Error, Message = "Invocation {RequestId}: an OnCompleted callback failed")]
    public static partial void OnCompletedFailed(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Error, Message = "Invocation {RequestId}: the Runtime API refused the streamed answer with status {Status}")]
    public static partial void StreamRejected(ILogger logger, string requestId, int status);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Error, Message = "Invocation {RequestId}: the Runtime API refused the answer with status {Status}")]
    public static partial void AnswerRefused(ILogger logger, Exception exception, string requestId, int status);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Error, Message = "Owner notifications after an invocation failed ({Error}); the outbox is tried again after the next one")]
    public static partial void NotificationsFailed(ILogger logger, string error);
}
