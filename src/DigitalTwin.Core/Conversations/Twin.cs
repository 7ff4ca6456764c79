using System.Runtime.CompilerServices;
using System.Text;
using DigitalTwin.Diagnostics;
using DigitalTwin.Memory;
using DigitalTwin.Persona;
using DigitalTwin.Providers;
using DigitalTwin.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.Conversations;

/// <summary>The twin's data path: history window → model → store. One instance per registered twin.</summary>
internal sealed partial class Twin(
    string name, DigitalTwinOptions options, Lazy<Task<PersonaPrompt>> prompt, IChatClient chat, IConversationStore store, TimeProvider time, ILogger logger,
    TwinToolbox? tools = null)
    : IDigitalTwin
{
    // A claim lasts the longest model call plus a margin for storing the turn, so it outlives the request that holds it
    // unless that request's host dies.
    private readonly IdempotentTurns _idempotent = new(
        store,
        name,
        options,
        store.GetService<ITurnClaims>() is { } claims
            ? new TurnClaimWaiter(claims, name, options.IdempotencyClaimLease ?? options.Resilience.TotalTimeout + TimeSpan.FromSeconds(30), options.IdempotencyPollInterval, time, logger)
            : null);

    public string Name { get; } = name;

    public IChatClient ChatClient => chat;

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType.IsInstanceOfType(this) ? this
            : serviceType == typeof(IChatClient) ? chat
            : serviceType == typeof(IConversationStore) ? store
            : serviceType == typeof(DigitalTwinOptions) ? options
            : null;
    }

    public Task<PersonaPrompt> GetPromptAsync() => prompt.Value;

    public async Task<TwinReply> ChatAsync(TwinChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        TwinRequestValidator.Validate(request, options);
        if (request.TurnId is not { } turnId)
        {
            return await AnswerAsync(request, history: null, cancellationToken).ConfigureAwait(false);
        }

        request = _idempotent.WithSession(request);
        return await _idempotent.RunAsync(
            new ConversationKey(Name, request.SessionId!.Value), request, recent => AnswerAsync(request, recent, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<TwinReply> AnswerAsync(TwinChatRequest request, IReadOnlyList<ConversationTurn>? history, CancellationToken cancellationToken)
    {
        var turn = await PrepareAsync(request, history, cancellationToken).ConfigureAwait(false);
        ChatResponse response;
        try
        {
            response = await chat.GetResponseAsync(turn.Messages, turn.Tools?.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ProviderErrors.ShouldWrap(ex, cancellationToken))
        {
            throw Fail(ProviderErrors.Wrap(ex));
        }

        var stored = await SaveAsync(turn, VisibleText(response), response.ModelId, response.Usage, response.FinishReason).ConfigureAwait(false);
        return new TwinReply(stored.Assistant.Content, turn.Key.SessionId) { Usage = response.Usage, FinishReason = response.FinishReason, TurnId = stored.TurnId };
    }

    public async IAsyncEnumerable<TwinStreamUpdate> ChatStreamingAsync(TwinChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        TwinRequestValidator.Validate(request, options);
        request = _idempotent.WithSession(request);
        var start = default(TurnStart);
        IReadOnlyList<ConversationTurn>? history = null;
        if (request.TurnId is not null && request.SessionId is { } known)
        {
            start = await _idempotent.BeginAsync(new ConversationKey(Name, known), request, cancellationToken).ConfigureAwait(false);
            history = start.Recent;
            if (start.Replay is { } replay)
            {
                yield return new TwinStreamUpdate(TwinStreamUpdateKind.Session, known);
                yield return new TwinStreamUpdate(TwinStreamUpdateKind.Delta, known) { Text = replay.Response };
                yield return new TwinStreamUpdate(TwinStreamUpdateKind.Completed, known) { TurnId = replay.TurnId, IsReplay = true };
                yield break;
            }
        }

        try
        {
            await foreach (var update in StreamAnswerAsync(request, history, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
        finally
        {
            await _idempotent.EndAsync(start).ConfigureAwait(false); // stored, failed or abandoned: a claim is released
        }
    }

    private async IAsyncEnumerable<TwinStreamUpdate> StreamAnswerAsync(
        TwinChatRequest request, IReadOnlyList<ConversationTurn>? history, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var turn = await PrepareAsync(request, history, cancellationToken).ConfigureAwait(false);
        var session = turn.Key.SessionId;
        yield return new TwinStreamUpdate(TwinStreamUpdateKind.Session, session);

        var text = new StringBuilder();
        var usage = new UsageDetails();
        var sawUsage = false;
        ChatFinishReason? finish = null;
        string? model = null;
        var toolRan = false;
        var updates = chat.GetStreamingResponseAsync(turn.Messages, turn.Tools?.Options, cancellationToken).GetAsyncEnumerator(cancellationToken);
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
                catch (Exception ex) when (ProviderErrors.ShouldWrap(ex, cancellationToken))
                {
                    throw Fail(ProviderErrors.Wrap(ex));
                }

                var update = updates.Current;
                finish = update.FinishReason ?? finish;
                model ??= update.ModelId;
                foreach (var usageContent in update.Contents.OfType<UsageContent>())
                {
                    usage.Add(usageContent.Details);
                    sawUsage = true;
                }

                toolRan |= update.Contents.Any(c => c is FunctionResultContent);
                if (!string.IsNullOrEmpty(update.Text))
                {
                    // Text after a tool ran is a new paragraph of the answer, as in VisibleText.
                    var delta = toolRan && text.Length > 0 ? ParagraphBreak + update.Text : update.Text;
                    toolRan = false;
                    text.Append(delta);
                    yield return new TwinStreamUpdate(TwinStreamUpdateKind.Delta, session) { Text = delta };
                }
            }
        }

        var stored = await SaveAsync(turn, text.ToString(), model, sawUsage ? usage : null, finish).ConfigureAwait(false);
        yield return new TwinStreamUpdate(TwinStreamUpdateKind.Completed, session) { Usage = sawUsage ? usage : null, FinishReason = finish, TurnId = stored.TurnId };
    }

    private const string ParagraphBreak = "\n\n";

    /// <summary>
    /// What the visitor sees of a response: the assistant's text, one paragraph per model call when tools ran in between;
    /// tool calls and results are not part of it.
    /// </summary>
    private static string VisibleText(ChatResponse response) => string.Join(
        ParagraphBreak,
        response.Messages.Where(m => m.Role == ChatRole.Assistant).Select(m => m.Text).Where(t => !string.IsNullOrEmpty(t)));

    public async Task<IReadOnlyList<ConversationMessage>> GetConversationAsync(SessionId sessionId, CancellationToken cancellationToken = default)
        => await store.ReadMessagesAsync(new ConversationKey(Name, sessionId), cancellationToken).ConfigureAwait(false);

    /// <summary>Builds the model call of a validated request; <paramref name="history"/> is the session's newest turns when already read.</summary>
    private async Task<PendingTurn> PrepareAsync(TwinChatRequest request, IReadOnlyList<ConversationTurn>? history, CancellationToken cancellationToken)
    {
        var key = new ConversationKey(Name, request.SessionId ?? SessionId.New());
        var system = (await prompt.Value.ConfigureAwait(false)).Render(time);
        history ??= request.SessionId is null || options.MaxHistoryMessages == 0
            ? []
            : await store.ReadLatestAsync(key, HistoryWindow.TurnsToRead(options.MaxHistoryMessages), cancellationToken).ConfigureAwait(false);
        var messages = new List<ChatMessage>(options.MaxHistoryMessages + 2) { new(ChatRole.System, system) };
        messages.AddRange(HistoryWindow.Select(history, options.MaxHistoryMessages, options.MaxHistoryTokens));
        messages.Add(new ChatMessage(ChatRole.User, request.Message));
        var user = new ConversationMessage(ConversationRole.User, request.Message, time.GetUtcNow());
        var turnId = request.TurnId ?? Guid.NewGuid().ToString("N");
        return new PendingTurn(key, messages, user, turnId, time.GetTimestamp(), tools?.Begin(key, turnId, request.ClientAddress));
    }

    private async Task<ConversationTurn> SaveAsync(PendingTurn turn, string answer, string? model, UsageDetails? usage, ChatFinishReason? finish)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            throw Fail(new ChatProviderException(ChatProviderFailure.InvalidResponse, "The model returned an empty answer; nothing was stored."));
        }

        var metadata = new TurnMetadata
        {
            Model = model,
            Provider = chat.GetService<ChatClientMetadata>()?.ProviderName,
            InputTokens = usage?.InputTokenCount,
            OutputTokens = usage?.OutputTokenCount,
            Latency = time.GetElapsedTime(turn.Started),
            FinishReason = finish?.Value,
            ToolCalls = turn.Tools?.Calls,
        };
        var stored = new ConversationTurn(turn.TurnId, turn.User, new ConversationMessage(ConversationRole.Assistant, answer, time.GetUtcNow())) { Metadata = metadata };

        // The model has answered (and been paid for): store the turn even if the caller has gone away meanwhile.
        await store.AppendAsync(turn.Key, stored, CancellationToken.None).ConfigureAwait(false);
        TwinTelemetry.Turns.Add(1, new KeyValuePair<string, object?>("digitaltwin.twin", Name));
        LogTurnStored(logger, Name, turn.Key.SessionId.Value, metadata.Latency?.TotalMilliseconds ?? 0);
        return stored;
    }

    private ChatProviderException Fail(ChatProviderException exception)
    {
        LogProviderFailed(logger, exception, Name, exception.Failure);
        TwinTelemetry.Errors.Add(1, new KeyValuePair<string, object?>("digitaltwin.twin", Name), new KeyValuePair<string, object?>("error.type", exception.Failure.ToString()));
        return exception;
    }

    /// <summary>A turn being answered; <paramref name="Tools"/> are its tools (with the calls they made), when the twin has any.</summary>
    private sealed record PendingTurn(ConversationKey Key, List<ChatMessage> Messages, ConversationMessage User, string TurnId, long Started, TurnTools? Tools);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Twin {Twin} stored a turn for session {SessionId} after {LatencyMs} ms")]
    private static partial void LogTurnStored(ILogger logger, string twin, string sessionId, double latencyMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Twin {Twin}: the model call failed ({Failure}); nothing was stored")]
    private static partial void LogProviderFailed(ILogger logger, Exception exception, string twin, ChatProviderFailure failure);
}
