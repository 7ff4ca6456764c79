using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DigitalTwin.Persona.Pdf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DigitalTwin.Persona;

/// <summary>Loads a persona folder into a <see cref="PersonaProfile"/>.</summary>
public static partial class PersonaLoader
{
    private static readonly JsonDocumentOptions JsonOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>
    /// Loads <paramref name="directory"/>: facts.json (required), summary.txt, style.txt, linkedin.pdf and extra .md/.txt notes
    /// (optional). An unreadable PDF is logged as a warning and skipped.
    /// </summary>
    /// <exception cref="PersonaException">The folder or facts.json is missing, facts.json is not valid JSON, or a name field is missing.</exception>
    public static Task<PersonaProfile> LoadAsync(string directory, ILogger? logger = null, CancellationToken cancellationToken = default)
        => LoadAsync(directory, new PdfSharpTextExtractor(), logger ?? NullLogger.Instance, cancellationToken);

    internal static async Task<PersonaProfile> LoadAsync(string directory, IPdfTextExtractor pdf, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var fullPath = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(fullPath))
        {
            throw new PersonaException($"The persona folder '{fullPath}' does not exist. Create it with a {PersonaFiles.Facts}, or set DigitalTwin:PersonaDirectory to the folder that has one.") { FilePath = fullPath };
        }

        var factsPath = Path.Combine(fullPath, PersonaFiles.Facts);
        if (!File.Exists(factsPath))
        {
            throw new PersonaException($"The persona folder '{fullPath}' has no {PersonaFiles.Facts}. Add one with at least \"full_name\" and \"name\" (see docs/persona.md).") { FilePath = factsPath };
        }

        var facts = ParseFacts(factsPath, await File.ReadAllBytesAsync(factsPath, cancellationToken).ConfigureAwait(false));
        return new PersonaProfile
        {
            FullName = RequiredName(facts, "full_name", factsPath),
            Name = RequiredName(facts, "name", factsPath),
            Facts = facts,
            Summary = await ReadOptionalAsync(Path.Combine(fullPath, PersonaFiles.Summary), cancellationToken).ConfigureAwait(false),
            Style = await ReadOptionalAsync(Path.Combine(fullPath, PersonaFiles.Style), cancellationToken).ConfigureAwait(false),
            LinkedInText = await ReadPdfAsync(Path.Combine(fullPath, PersonaFiles.LinkedIn), pdf, logger, cancellationToken).ConfigureAwait(false),
            Notes = await ReadNotesAsync(fullPath, cancellationToken).ConfigureAwait(false),
            Directory = fullPath,
        };
    }

    private static JsonObject ParseFacts(string path, byte[] bytes)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(bytes, documentOptions: JsonOptions);
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var position = (ex.BytePositionInLine ?? 0) + 1;
            throw new PersonaException($"{path} is not valid JSON: error at line {line}, position {position}. Check for a missing comma, quote or bracket there.", ex) { FilePath = path };
        }

        return node as JsonObject
            ?? throw new PersonaException($"{path} must hold a JSON object ({{ \"full_name\": \"…\", \"name\": \"…\", … }}), not {node?.GetValueKind().ToString() ?? "null"}.") { FilePath = path };
    }

    private static string RequiredName(JsonObject facts, string field, string path)
    {
        if (facts[field] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text))
        {
            return text.Trim();
        }

        var meaning = field == "name" ? "the name the person goes by" : "the person's full name";
        throw new PersonaException($"{path} needs a non-empty string field \"{field}\" ({meaning}).") { FilePath = path };
    }

    private static async Task<string> ReadOptionalAsync(string path, CancellationToken cancellationToken)
        => File.Exists(path) ? (await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false)).Trim() : string.Empty;

    private static async Task<string> ReadPdfAsync(string path, IPdfTextExtractor pdf, ILogger logger, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return string.Empty;
        }

        try
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            var text = pdf.ExtractText(bytes, cancellationToken).Trim();
            LogPdfRead(logger, path, text.Length);
            return text;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPdfUnreadable(logger, ex, path, ex.Message);
            return string.Empty;
        }
    }

    private static async Task<IReadOnlyList<PersonaNote>> ReadNotesAsync(string directory, CancellationToken cancellationToken)
    {
        var notes = new List<PersonaNote>();
        var files = System.IO.Directory.EnumerateFiles(directory)
            .Where(f => Path.GetExtension(f) is ".md" or ".txt")
            .Select(Path.GetFileName)
            .Where(n => n is not (PersonaFiles.Summary or PersonaFiles.Style))
            .Order(StringComparer.Ordinal);
        foreach (var name in files)
        {
            var content = await ReadOptionalAsync(Path.Combine(directory, name!), cancellationToken).ConfigureAwait(false);
            if (content.Length > 0)
            {
                notes.Add(new PersonaNote(name!, content));
            }
        }

        return notes;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Read {Characters} characters of text from {PdfPath}")]
    private static partial void LogPdfRead(ILogger logger, string pdfPath, int characters);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Could not read text from {PdfPath}; the twin starts without it: {Reason}")]
    private static partial void LogPdfUnreadable(ILogger logger, Exception exception, string pdfPath, string reason);
}
