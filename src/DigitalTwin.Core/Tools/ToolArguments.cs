using System.Net.Mail;
using System.Text.Json;
using DigitalTwin.Owner;
using Microsoft.Extensions.AI;

namespace DigitalTwin.Tools;

/// <summary>Reads and checks the built-in tools' arguments, which arrive as JSON strings or plain strings.</summary>
internal static class ToolArguments
{
    public const int MaxEmailLength = 254;
    public const int MaxNameLength = 200;
    public const int MaxNotesLength = 2000;
    public const int MaxQuestionLength = 1000;

    /// <summary>The lead of <c>record_user_details(email, name?, notes?)</c> made from <paramref name="template"/>, or an error text for the model.</summary>
    public static (OwnerRecord? Record, string? Error) Lead(AIFunctionArguments arguments, OwnerRecord template)
    {
        var email = String(arguments, "email", MaxEmailLength, out var error);
        var name = error is null ? String(arguments, "name", MaxNameLength, out error) : null;
        var notes = error is null ? String(arguments, "notes", MaxNotesLength, out error) : null;
        return error is not null ? (null, error)
            : email is null ? (null, "'email' is required.")
            : !IsEmail(email) ? (null, "'email' is not a valid email address (expected something like name@example.com).")
            : (template with { Email = email, Name = name, Notes = notes }, null);
    }

    /// <summary>The unanswered question of <c>record_unknown_question(question)</c> made from <paramref name="template"/>, or an error text for the model.</summary>
    public static (OwnerRecord? Record, string? Error) Question(AIFunctionArguments arguments, OwnerRecord template)
    {
        var question = String(arguments, "question", MaxQuestionLength, out var error);
        return error is not null ? (null, error)
            : question is null ? (null, "'question' is required.")
            : (template with { Question = question }, null);
    }

    /// <summary>
    /// The argument <paramref name="name"/>, trimmed: <see langword="null"/> when absent, null or blank; <paramref name="error"/>
    /// says why it is unusable (not a string, or longer than <paramref name="maxLength"/>).
    /// </summary>
    public static string? String(AIFunctionArguments arguments, string name, int maxLength, out string? error)
    {
        error = null;
        if (!arguments.TryGetValue(name, out var value) || value is null)
        {
            return null;
        }

        var text = value switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null } => null,
            _ => Invalid(out error, $"'{name}' must be a string."),
        };
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > maxLength)
        {
            error = $"'{name}' is too long ({text.Length} characters): use at most {maxLength}.";
            return null;
        }

        return text;
    }

    /// <summary>Whether <paramref name="email"/> is one plain address (<c>local@domain.tld</c>), without a display name or spaces.</summary>
    public static bool IsEmail(string email)
    {
        if (email.Length > MaxEmailLength || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"'))
        {
            return false;
        }

        var at = email.LastIndexOf('@');
        if (at < 1 || at > 64 || email.IndexOf('@') != at)
        {
            return false;
        }

        var domain = email[(at + 1)..];
        if (domain.Length < 3 || !domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        return MailAddress.TryCreate(email, out var parsed) && string.Equals(parsed.Address, email, StringComparison.Ordinal);
    }

    private static string? Invalid(out string? error, string message)
    {
        error = message;
        return null;
    }
}
