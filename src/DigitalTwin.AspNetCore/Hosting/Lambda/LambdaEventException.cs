namespace DigitalTwin.AspNetCore.Hosting.Lambda;

/// <summary>An event that is not an API Gateway or Function URL HTTP event.</summary>
internal sealed class LambdaEventException : Exception
{
    public LambdaEventException()
    {
    }

    public LambdaEventException(string message)
        : base(message)
    {
    }

    public LambdaEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
