using System.Text.Json;
using DigitalTwin.Tools;

namespace DigitalTwin.Core.Tests.Tools;

/// <summary>A user's own <see cref="AIFunction"/> added with <c>AddTool</c>: offered every turn, counted, and listed in the metadata.</summary>
public sealed class CustomToolTests
{
    private readonly ToolCallingModel _model = new();

    [Fact]
    public async Task CustomTool_RunsWithTheModelsArguments_AndIsListedInTheTurn()
    {
        var calendar = new CalendarTool();
        using var host = new TwinHost(b => b.UseChatClient(_model).UseInMemoryStore().AddTool(calendar));
        _model.Call("next_free_slot", LeadCaptureTests.Args(("day", "Monday"))).Answer("Monday at 10 works.");

        var reply = await host.Twin.ChatAsync(new TwinChatRequest("When are you free?"));

        Assert.Equal(["Monday"], calendar.Days);
        Assert.Equal("Monday at 10:00", Assert.Single(_model.ToolResults()));
        Assert.Equal("Monday at 10 works.", reply.Response);
        Assert.Equal([new TurnToolCall("next_free_slot", "completed")], (await LeadCaptureTests.LatestTurnAsync(host.Twin, reply.SessionId)).Metadata!.ToolCalls);
        Assert.Equal(["next_free_slot"], _model.Calls[0].Options!.Tools!.Select(t => t.Name)); // no lead capture unless asked for
    }

    [Fact]
    public async Task FailingCustomTool_ReachesTheModelAsAGenericError_WithoutTheExceptionText()
    {
        using var host = new TwinHost(b => b.UseChatClient(_model).UseInMemoryStore().AddTool(new CalendarTool { Fail = true }));
        _model.Call("next_free_slot", LeadCaptureTests.Args(("day", "Monday"))).Answer("I cannot check right now.");

        var reply = await host.Twin.ChatAsync(new TwinChatRequest("When are you free?"));

        var result = Assert.Single(_model.ToolResults());
        Assert.DoesNotContain("hunter2", result);
        Assert.Equal("failed", Assert.Single((await LeadCaptureTests.LatestTurnAsync(host.Twin, reply.SessionId)).Metadata!.ToolCalls!).Outcome);
    }

    [Fact]
    public void AddTool_RefusesASecondToolWithTheSameName_AndTheBuiltInNames()
    {
        var builder = new ServiceCollection().AddDigitalTwin().AddTool(new CalendarTool());

        Assert.Throws<ArgumentException>(() => builder.AddTool(new CalendarTool()));
        Assert.Throws<ArgumentException>(() => builder.AddTool(new CalendarTool("record_user_details")));
    }

    /// <summary>An AOT-clean custom tool: explicit schema, arguments read by hand.</summary>
    private sealed class CalendarTool(string name = "next_free_slot") : AIFunction
    {
        private static readonly JsonElement SchemaElement = JsonDocument.Parse("""{"type":"object","properties":{"day":{"type":"string"}},"required":["day"]}""").RootElement.Clone();

        public List<string> Days { get; } = [];

        public bool Fail { get; init; }

        public override string Name => name;

        public override string Description => "The next free slot in the owner's calendar on a day.";

        public override JsonElement JsonSchema => SchemaElement;

        protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
        {
            if (Fail)
            {
                throw new InvalidOperationException("calendar password=hunter2 rejected");
            }

            var day = arguments["day"] switch { JsonElement e => e.GetString()!, var other => other!.ToString()! };
            Days.Add(day);
            return ValueTask.FromResult<object?>(day + " at 10:00");
        }
    }
}
