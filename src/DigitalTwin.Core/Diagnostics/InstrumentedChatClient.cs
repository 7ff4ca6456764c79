using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace DigitalTwin.Diagnostics;

/// <summary>
/// Records a span and gen_ai metrics for every model call of a twin. Message content goes on the span only when
/// <see cref="DigitalTwinOptions.RecordMessageContent"/> is on.
/// </summary>
internal sealed class InstrumentedChatClient(IChatClient inner, string twin, bool recordContent, TimeProvider time) : DelegatingChatClient(inner)
{
    private readonly ChatClientMetadata? _metadata = inner.GetService<ChatClientMetadata>();

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        using var activity = Start(list, streaming: false);
        var started = time.GetTimestamp();
        try
        {
            var response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
            Complete(activity, started, response.ModelId, response.Usage, response.FinishReason, recordContent ? response.Text : null);
            return response;
        }
        catch (Exception ex)
        {
            Fail(activity, started, ex);
            throw;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        using var activity = Start(list, streaming: true);
        var started = time.GetTimestamp();
        var firstChunk = true;
        var usage = new UsageDetails();
        string? model = null;
        ChatFinishReason? finish = null;
        var text = recordContent ? new System.Text.StringBuilder() : null;
        var updates = base.GetStreamingResponseAsync(list, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (updates.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception ex)
                {
                    Fail(activity, started, ex);
                    throw;
                }

                var update = updates.Current;
                model ??= update.ModelId;
                finish = update.FinishReason ?? finish;
                foreach (var content in update.Contents.OfType<UsageContent>())
                {
                    usage.Add(content.Details);
                }

                if (firstChunk && !string.IsNullOrEmpty(update.Text))
                {
                    firstChunk = false;
                    TwinTelemetry.TimeToFirstChunk.Record(time.GetElapsedTime(started).TotalSeconds, TwinTelemetry.Tags(twin, _metadata?.ProviderName, model ?? _metadata?.DefaultModelId));
                }

                text?.Append(update.Text);
                yield return update;
            }
        }

        Complete(activity, started, model, usage, finish, text?.ToString());
    }

    private Activity? Start(IReadOnlyList<ChatMessage> messages, bool streaming)
    {
        var activity = TwinTelemetry.StartChat(_metadata?.ProviderName, _metadata?.DefaultModelId, twin, streaming);
        if (recordContent && activity is not null)
        {
            activity.SetTag("gen_ai.input.messages", JsonSerializer.Serialize(messages.Select(m => new { role = m.Role.Value, content = m.Text })));
        }

        return activity;
    }

    private void Complete(Activity? activity, long started, string? model, UsageDetails? usage, ChatFinishReason? finish, string? output)
    {
        var tags = TwinTelemetry.Tags(twin, _metadata?.ProviderName, _metadata?.DefaultModelId);
        tags.Add("gen_ai.response.model", model);
        TwinTelemetry.OperationDuration.Record(time.GetElapsedTime(started).TotalSeconds, tags);
        Record(usage?.InputTokenCount, "input", tags);
        Record(usage?.OutputTokenCount, "output", tags);
        if (activity is null)
        {
            return;
        }

        activity.SetTag("gen_ai.response.model", model);
        activity.SetTag("gen_ai.usage.input_tokens", usage?.InputTokenCount);
        activity.SetTag("gen_ai.usage.output_tokens", usage?.OutputTokenCount);
        activity.SetTag("gen_ai.response.finish_reasons", finish is { } f ? new[] { f.Value } : null);
        if (output is not null)
        {
            activity.SetTag("gen_ai.output.messages", JsonSerializer.Serialize(new[] { new { role = "assistant", content = output } }));
        }
    }

    private void Fail(Activity? activity, long started, Exception ex)
    {
        var errorType = ex is Providers.ChatProviderException p ? p.Failure.ToString() : ex.GetType().Name;
        var tags = TwinTelemetry.Tags(twin, _metadata?.ProviderName, _metadata?.DefaultModelId);
        tags.Add("error.type", errorType);
        TwinTelemetry.OperationDuration.Record(time.GetElapsedTime(started).TotalSeconds, tags);
        activity?.SetTag("error.type", errorType);
        activity?.SetStatus(ActivityStatusCode.Error, errorType);
    }

    private static void Record(long? tokens, string type, TagList tags)
    {
        if (tokens is { } count)
        {
            tags.Add("gen_ai.token.type", type);
            TwinTelemetry.TokenUsage.Record(count, tags);
        }
    }
}
