namespace DigitalTwin.Conversations;

/// <summary>Checks a visitor's request before anything is read, sent or stored.</summary>
internal static class TwinRequestValidator
{
    /// <summary>The longest client-supplied turn id.</summary>
    public const int MaxTurnIdLength = 128;

    /// <summary>Returns the problem with the request, or <see langword="null"/> when it is valid.</summary>
    public static string? Problem(string? message, string? turnId, DigitalTwinOptions options)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "The message is empty.";
        }

        if (message.Length > options.MaxMessageLength)
        {
            return $"The message has {message.Length} characters; the most allowed is {options.MaxMessageLength}.";
        }

        if (turnId is not null && (turnId.Length is 0 or > MaxTurnIdLength || turnId.Any(c => c is < '!' or > '~')))
        {
            return $"The turn id must be 1 to {MaxTurnIdLength} printable ASCII characters without spaces.";
        }

        return null;
    }

    public static void Validate(TwinChatRequest request, DigitalTwinOptions options)
    {
        if (Problem(request.Message, request.TurnId, options) is { } problem)
        {
            throw new ArgumentException(problem, nameof(request));
        }
    }
}
