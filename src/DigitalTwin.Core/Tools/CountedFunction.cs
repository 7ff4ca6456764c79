using Microsoft.Extensions.AI;

namespace DigitalTwin.Tools;

/// <summary>A user's <see cref="AIFunction"/> as offered in one turn: counted against the turn's tool calls and recorded in its metadata.</summary>
internal sealed class CountedFunction(AIFunction inner, TurnTools turn) : DelegatingAIFunction(inner)
{
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        if (!turn.TryStart(Name))
        {
            return TurnTools.CallLimitMessage;
        }

        try
        {
            var result = await base.InvokeCoreAsync(arguments, cancellationToken).ConfigureAwait(false);
            turn.Record(Name, ToolOutcomes.Completed);
            return result;
        }
        catch
        {
            turn.Record(Name, ToolOutcomes.Failed); // function invocation sends the model a generic error, never the exception text
            throw;
        }
    }
}
