namespace DigitalTwin.Conversations;

/// <summary>Checks a visitor's request before anything is read, sent or stored.</summary>
internal static class TwinRequestValidator
{
    /// <summary>The longest client-supplied turn id.</summary>
    public const int MaxTurnIdLength = 128;

    /// <summary>Returns the problem with the request, in <paramref name="language"/>, or <see langword="null"/> when it is valid.</summary>
    public static string? Problem(string? message, string? turnId, DigitalTwinOptions options, Persona.PromptLanguage language = Persona.PromptLanguage.English)
    {
        var spanish = language == Persona.PromptLanguage.Spanish;
        if (string.IsNullOrWhiteSpace(message))
        {
            return spanish ? "El mensaje está vacío." : "The message is empty.";
        }

        if (message.Length > options.MaxMessageLength)
        {
            return spanish
                ? $"El mensaje tiene {message.Length} caracteres; el máximo permitido es {options.MaxMessageLength}."
                : $"The message has {message.Length} characters; the most allowed is {options.MaxMessageLength}.";
        }

        if (turnId is not null && (turnId.Length is 0 or > MaxTurnIdLength || turnId.Any(c => c is < '!' or > '~')))
        {
            return spanish
                ? $"El identificador del turno debe tener de 1 a {MaxTurnIdLength} caracteres ASCII imprimibles, sin espacios."
                : $"The turn id must be 1 to {MaxTurnIdLength} printable ASCII characters without spaces.";
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
