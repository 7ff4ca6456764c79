using System.Text.Json;
using DigitalTwin.Owner;
using Microsoft.Extensions.AI;

namespace DigitalTwin.Tools;

/// <summary><c>record_unknown_question(question)</c>: a question the twin could not answer from the persona.</summary>
internal sealed class RecordUnknownQuestionTool(TwinToolbox toolbox, TurnTools turn) : OwnerRecordTool(toolbox, turn, OwnerRecordKind.UnansweredQuestion)
{
    public const string ToolName = "record_unknown_question";

    private static readonly JsonElement SchemaElement = Schema($$"""
        {
          "type": "object",
          "properties": {
            "question": { "type": "string", "description": "The question that couldn't be answered.", "maxLength": {{ToolArguments.MaxQuestionLength}} }
          },
          "required": ["question"],
          "additionalProperties": false
        }
        """);

    public override string Name => ToolName;

    public override string Description =>
        "Always use this tool to record any question that couldn't be answered as you didn't know the answer.";

    public override JsonElement JsonSchema => SchemaElement;

    protected override string Confirmation => "Recorded: the owner will see this question.";

    protected override (OwnerRecord? Record, string? Error) Build(AIFunctionArguments arguments, OwnerRecord template)
    {
        var question = ToolArguments.String(arguments, "question", ToolArguments.MaxQuestionLength, out var error);
        return error is not null ? (null, error)
            : question is null ? (null, "'question' is required.")
            : (template with { Question = question }, null);
    }
}
