using DigitalTwin.Tools;
using Microsoft.Extensions.AI;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Gives a twin's model tools, run by Microsoft.Extensions.AI function invocation (see docs/tools.md).</summary>
public static class DigitalTwinToolsBuilderExtensions
{
    /// <summary>
    /// Turns on the built-in tools <c>record_user_details</c> and <c>record_unknown_question</c>: visitors who want to get in
    /// touch and questions the persona cannot answer are kept by the twin's store as owner records, at most one of each kind
    /// per turn. Settings come from <c>DigitalTwin:Tools</c>, then <paramref name="configure"/>. The store must keep owner
    /// records (the built-in stores do), or the twin fails to start.
    /// </summary>
    public static IDigitalTwinBuilder UseLeadCapture(this IDigitalTwinBuilder builder, Action<ToolsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DigitalTwin.DigitalTwinOptions>(builder.Name).Configure(o =>
        {
            o.Tools.LeadCapture = true;
            configure?.Invoke(o.Tools);
        });
        return builder;
    }

    /// <summary>
    /// Offers <paramref name="function"/> to the twin's model in every turn. Its calls count against
    /// <see cref="ToolsOptions.MaxToolCallsPerTurn"/> and are listed (name and outcome) in the turn's metadata; an exception it
    /// throws reaches the model as a generic error, never its text. For Native AOT, give it an explicit JSON schema or build it
    /// with <c>AIFunctionFactory</c> and source-generated <c>JsonSerializerOptions</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The twin already has a tool with that name.</exception>
    public static IDigitalTwinBuilder AddTool(this IDigitalTwinBuilder builder, AIFunction function)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(function);
        var tools = TwinChatPipeline.For(builder.Services, builder.Name).Tools;
        if (tools.Any(t => string.Equals(t.Name, function.Name, StringComparison.Ordinal))
            || function.Name is OwnerRecordTool.UserDetailsName or OwnerRecordTool.UnknownQuestionName)
        {
            throw new ArgumentException($"The twin '{builder.Name}' already has a tool named '{function.Name}': give each tool a different name.", nameof(function));
        }

        tools.Add(function);
        return builder;
    }
}
