using System.Text.Json;
using DigitalTwin.Owner;
using Microsoft.Extensions.AI;

namespace DigitalTwin.Tools;

/// <summary><c>record_user_details(email, name?, notes?)</c>: a visitor who wants to get in touch.</summary>
internal sealed class RecordUserDetailsTool(TwinToolbox toolbox, TurnTools turn) : OwnerRecordTool(toolbox, turn, OwnerRecordKind.Lead)
{
    public const string ToolName = "record_user_details";

    private static readonly JsonElement SchemaElement = Schema($$"""
        {
          "type": "object",
          "properties": {
            "email": { "type": "string", "description": "The visitor's email address.", "maxLength": {{ToolArguments.MaxEmailLength}} },
            "name": { "type": "string", "description": "The visitor's name, if they gave it.", "maxLength": {{ToolArguments.MaxNameLength}} },
            "notes": { "type": "string", "description": "Anything worth passing on: what they want to talk about, context from the conversation.", "maxLength": {{ToolArguments.MaxNotesLength}} }
          },
          "required": ["email"],
          "additionalProperties": false
        }
        """);

    public override string Name => ToolName;

    public override string Description =>
        "Use this tool to record that a visitor is interested in being in touch and provided an email address.";

    public override JsonElement JsonSchema => SchemaElement;

    protected override string Confirmation => "Recorded: the owner will see these contact details.";

    protected override (OwnerRecord? Record, string? Error) Build(AIFunctionArguments arguments, OwnerRecord template)
    {
        var email = ToolArguments.String(arguments, "email", ToolArguments.MaxEmailLength, out var error);
        var name = error is null ? ToolArguments.String(arguments, "name", ToolArguments.MaxNameLength, out error) : null;
        var notes = error is null ? ToolArguments.String(arguments, "notes", ToolArguments.MaxNotesLength, out error) : null;
        if (error is not null)
        {
            return (null, error);
        }

        if (email is null)
        {
            return (null, "'email' is required.");
        }

        return ToolArguments.IsEmail(email)
            ? (template with { Email = email, Name = name, Notes = notes }, null)
            : (null, "'email' is not a valid email address (expected something like name@example.com).");
    }
}
