namespace DigitalTwin.AspNetCore.Hosting.Lambda;

/// <summary>One event handed out by <c>/runtime/invocation/next</c>, with the headers that describe it.</summary>
internal sealed record LambdaInvocation(string RequestId, DateTimeOffset? Deadline, string? TraceId, string? FunctionArn, byte[] Event);
