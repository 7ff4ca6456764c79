namespace DigitalTwin.AspNetCore.Hosting.Lambda;

/// <summary>
/// Reports a start-up failure to <c>/runtime/init/error</c>, once per process: from the server when the host stops before it
/// started, and from an unhandled exception (a host that failed to build or start) while no invocation has been served.
/// </summary>
internal static class LambdaStartupFailure
{
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";
    private static int _reported;
    private static int _watching;

    /// <summary>Watches for an exception that would end the process before the host started.</summary>
    public static void Watch()
    {
        if (Interlocked.Exchange(ref _watching, 1) == 0)
        {
            AppDomain.CurrentDomain.UnhandledException += (_, e) =>
            {
                if (Environment.GetEnvironmentVariable(RuntimeApiVariable) is { Length: > 0 } api)
                {
                    using var runtime = new RuntimeApiClient(api);
                    Report(runtime, e.ExceptionObject is Exception ex ? "Runtime.StartupFailure." + ex.GetType().Name : "Runtime.StartupFailure");
                }
            };
        }
    }

    /// <summary>Marks the start as done: later failures are an invocation's, not the start's.</summary>
    public static void Started() => Interlocked.Exchange(ref _reported, 1);

    public static void Report(RuntimeApiClient runtime, string errorType)
    {
        if (Interlocked.Exchange(ref _reported, 1) != 0)
        {
            return;
        }

        try
        {
            // The message stays generic: the exception itself is in the function's logs.
            runtime.PostInitError(errorType, "The function failed to start; see its logs.");
        }
        catch (HttpRequestException)
        {
            // Lambda ends a runtime that exits during init anyway; the non-zero exit code still says it failed.
        }
    }
}
