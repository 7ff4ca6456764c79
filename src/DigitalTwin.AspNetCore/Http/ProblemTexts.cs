using System.Globalization;
using DigitalTwin.Persona;
using Microsoft.AspNetCore.Http;

namespace DigitalTwin.AspNetCore.Http;

/// <summary>
/// The titles and details of DigitalTwin's problem responses in one language. A request's texts follow its twin's
/// <see cref="DigitalTwinOptions.Language"/> unless <see cref="DigitalTwinEndpointOptions.Language"/> overrides it.
/// </summary>
internal sealed class ProblemTexts
{
    private static readonly object ItemKey = new();

    public static ProblemTexts English { get; } = new()
    {
        Language = PromptLanguage.English,
        InvalidRequest = "The request is not valid.",
        UnsupportedType = "Unsupported content type.",
        UnsupportedTypeDetail = "Send the body as JSON with Content-Type: application/json.",
        TooLarge = "The request body is too large.",
        TooLargeDetail = "The largest body accepted is {0} bytes.",
        UnknownTwin = "Unknown twin.",
        UnknownTwinDetail = "This host serves no twin named '{0}'.",
        TooMany = "Too many requests.",
        TooManyFromAddress = "Too many requests from this address. Wait {0} seconds and try again.",
        TooManyInConversation = "Too many requests from this conversation. Wait {0} seconds and try again.",
        KeyRequired = "An API key is required.",
        KeyMissing = "This API needs a key: send it in the {0} header.",
        KeyInvalid = "The key in the {0} header is not valid.",
        Unexpected = "An unexpected error occurred.",
        UnexpectedDetail = "The error was logged. Nothing was stored for this request.",
        EmptyBody = "The request body is empty or null: send a JSON object.",
        InvalidJson = "The request body is not valid JSON for this endpoint: send {\"message\": \"…\", \"session_id\": \"…\"}.",
        InvalidSessionField = "session_id is not valid: use the id a previous answer returned ({0}–{1} letters, digits, '-' or '_'), or omit it to start a new conversation.",
        InvalidSessionRoute = "The session id is not valid: {0}–{1} letters, digits, '-' or '_'.",
        TurnIdMismatch = "The Idempotency-Key header and the turn_id field differ: send one of them, or the same value in both.",
        NotConfigured = "The model provider is not configured.",
        Busy = "The model is busy.",
        BusyDetail = "The model provider is throttling requests. Try again shortly; nothing was stored.",
        Unavailable = "The model is unavailable.",
        UnavailableDetail = "The model provider could not answer. Try again shortly; nothing was stored.",
        Timeout = "The model took too long.",
        TimeoutDetail = "The model provider did not answer in time. Try again; nothing was stored.",
        ProviderFailed = "The model provider failed.",
        ProviderFailedDetail = "The model provider could not handle the request. Nothing was stored.",
        TurnTooLarge = "The conversation turn is too large.",
        TurnTooLargeDetail = "The message and answer together exceed what the conversation store can keep in one turn. Send a shorter message.",
        MemoryUnavailable = "Conversation memory is unavailable.",
        MemoryUnavailableDetail = "The conversation store could not be reached. Try again shortly; nothing was stored.",
        InProgress = "The request is still being answered.",
        InProgressDetail = "A request with this Idempotency-Key is still being answered; retry shortly to get its answer.",
    };

    public static ProblemTexts Spanish { get; } = new()
    {
        Language = PromptLanguage.Spanish,
        InvalidRequest = "La solicitud no es válida.",
        UnsupportedType = "Tipo de contenido no admitido.",
        UnsupportedTypeDetail = "Envíe el cuerpo como JSON con Content-Type: application/json.",
        TooLarge = "El cuerpo de la solicitud es demasiado grande.",
        TooLargeDetail = "El cuerpo más grande que se acepta es de {0} bytes.",
        UnknownTwin = "Gemelo desconocido.",
        UnknownTwinDetail = "Este servidor no tiene ningún gemelo llamado '{0}'.",
        TooMany = "Demasiadas solicitudes.",
        TooManyFromAddress = "Demasiadas solicitudes desde esta dirección. Espere {0} segundos y vuelva a intentarlo.",
        TooManyInConversation = "Demasiadas solicitudes en esta conversación. Espere {0} segundos y vuelva a intentarlo.",
        KeyRequired = "Se necesita una clave de API.",
        KeyMissing = "Esta API necesita una clave: envíela en el encabezado {0}.",
        KeyInvalid = "La clave del encabezado {0} no es válida.",
        Unexpected = "Se produjo un error inesperado.",
        UnexpectedDetail = "El error quedó registrado. No se guardó nada de esta solicitud.",
        EmptyBody = "El cuerpo de la solicitud está vacío o es null: envíe un objeto JSON.",
        InvalidJson = "El cuerpo de la solicitud no es un JSON válido para este endpoint: envíe {\"message\": \"…\", \"session_id\": \"…\"}.",
        InvalidSessionField = "session_id no es válido: use el id que devolvió una respuesta anterior ({0}–{1} letras, dígitos, '-' o '_'), u omítalo para empezar una conversación nueva.",
        InvalidSessionRoute = "El id de sesión no es válido: {0}–{1} letras, dígitos, '-' o '_'.",
        TurnIdMismatch = "El encabezado Idempotency-Key y el campo turn_id no coinciden: envíe uno de los dos, o el mismo valor en ambos.",
        NotConfigured = "El proveedor del modelo no está configurado.",
        Busy = "El modelo está ocupado.",
        BusyDetail = "El proveedor del modelo está limitando las solicitudes. Vuelva a intentarlo en un momento; no se guardó nada.",
        Unavailable = "El modelo no está disponible.",
        UnavailableDetail = "El proveedor del modelo no pudo responder. Vuelva a intentarlo en un momento; no se guardó nada.",
        Timeout = "El modelo tardó demasiado.",
        TimeoutDetail = "El proveedor del modelo no respondió a tiempo. Vuelva a intentarlo; no se guardó nada.",
        ProviderFailed = "El proveedor del modelo falló.",
        ProviderFailedDetail = "El proveedor del modelo no pudo atender la solicitud. No se guardó nada.",
        TurnTooLarge = "El turno de la conversación es demasiado grande.",
        TurnTooLargeDetail = "El mensaje y la respuesta juntos superan lo que el almacén de conversaciones puede guardar en un turno. Envíe un mensaje más corto.",
        MemoryUnavailable = "La memoria de conversaciones no está disponible.",
        MemoryUnavailableDetail = "No se pudo acceder al almacén de conversaciones. Vuelva a intentarlo en un momento; no se guardó nada.",
        InProgress = "La solicitud todavía se está respondiendo.",
        InProgressDetail = "Una solicitud con este Idempotency-Key todavía se está respondiendo; vuelva a intentarlo en un momento para obtener su respuesta.",
    };

    public required PromptLanguage Language { get; init; }

    public required string InvalidRequest { get; init; }

    public required string UnsupportedType { get; init; }

    public required string UnsupportedTypeDetail { get; init; }

    public required string TooLarge { get; init; }

    public required string TooLargeDetail { get; init; }

    public required string UnknownTwin { get; init; }

    public required string UnknownTwinDetail { get; init; }

    public required string TooMany { get; init; }

    public required string TooManyFromAddress { get; init; }

    public required string TooManyInConversation { get; init; }

    public required string KeyRequired { get; init; }

    public required string KeyMissing { get; init; }

    public required string KeyInvalid { get; init; }

    public required string Unexpected { get; init; }

    public required string UnexpectedDetail { get; init; }

    public required string EmptyBody { get; init; }

    public required string InvalidJson { get; init; }

    public required string InvalidSessionField { get; init; }

    public required string InvalidSessionRoute { get; init; }

    public required string TurnIdMismatch { get; init; }

    public required string NotConfigured { get; init; }

    public required string Busy { get; init; }

    public required string BusyDetail { get; init; }

    public required string Unavailable { get; init; }

    public required string UnavailableDetail { get; init; }

    public required string Timeout { get; init; }

    public required string TimeoutDetail { get; init; }

    public required string ProviderFailed { get; init; }

    public required string ProviderFailedDetail { get; init; }

    public required string TurnTooLarge { get; init; }

    public required string TurnTooLargeDetail { get; init; }

    public required string MemoryUnavailable { get; init; }

    public required string MemoryUnavailableDetail { get; init; }

    public required string InProgress { get; init; }

    public required string InProgressDetail { get; init; }

    public static ProblemTexts For(PromptLanguage language) => language == PromptLanguage.Spanish ? Spanish : English;

    /// <summary>The texts chosen for this request when its twin was picked; English before that (and outside the twin endpoints).</summary>
    public static ProblemTexts For(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var texts) && texts is ProblemTexts chosen ? chosen : English;

    /// <summary>Chooses the texts of this request.</summary>
    public static void Choose(HttpContext context, PromptLanguage language) => context.Items[ItemKey] = For(language);

    public static string Format(string text, params object[] values) => string.Format(CultureInfo.InvariantCulture, text, values);
}
