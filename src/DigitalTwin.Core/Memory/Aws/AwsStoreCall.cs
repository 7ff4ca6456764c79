using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using DigitalTwin.Conversations;

namespace DigitalTwin.Memory.Aws;

/// <summary>
/// Runs one store operation against an AWS service under a deadline and turns every failure that is not the caller's own
/// cancellation into a <see cref="ConversationStoreException"/>, so no SDK or HTTP exception leaves a store.
/// </summary>
internal static class AwsStoreCall
{
    public static async Task<T> RunAsync<T>(string what, TimeSpan timeout, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await operation(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not ConversationStoreException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw ex as OperationCanceledException ?? new OperationCanceledException($"{what} was cancelled.", ex, cancellationToken);
            }

            throw Map(ex, what, timeout, deadline.IsCancellationRequested);
        }
    }

    public static async Task RunAsync(string what, TimeSpan timeout, Func<CancellationToken, Task> operation, CancellationToken cancellationToken)
        => await RunAsync<bool>(what, timeout, async ct =>
        {
            await operation(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>The typed store error for an SDK, HTTP or socket failure.</summary>
    /// <summary>
    /// A store's <see cref="IConversationStore.ReadLatestAsync"/>: no turns for <paramref name="maxTurns"/> 0 (the store is not
    /// called), otherwise <paramref name="read"/> run like <see cref="RunAsync{T}"/>.
    /// </summary>
    public static async ValueTask<IReadOnlyList<ConversationTurn>> ReadLatestAsync(
        int maxTurns, string what, TimeSpan timeout, Func<CancellationToken, Task<IReadOnlyList<ConversationTurn>>> read, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxTurns);
        return maxTurns == 0 ? [] : await RunAsync(what, timeout, read, cancellationToken).ConfigureAwait(false);
    }

    public static ConversationStoreException Map(Exception ex, string what, TimeSpan timeout, bool deadlinePassed) => ex switch
    {
        _ when deadlinePassed || ex is OperationCanceledException or TimeoutException =>
            new(ConversationStoreFailure.Timeout, $"{what} did not finish within {timeout.TotalSeconds:0.###} s (the store's Timeout option).", ex),
        AmazonUnmarshallingException or AmazonDateTimeUnmarshallingException =>
            new(ConversationStoreFailure.Corrupt, $"{what}: the service's answer could not be read ({ex.Message}).", ex),
        AmazonServiceException { StatusCode: HttpStatusCode.RequestEntityTooLarge } or AmazonServiceException { ErrorCode: "EntityTooLarge" } =>
            new(ConversationStoreFailure.TurnTooLarge, $"{what}: the service refused the turn as too large ({ex.Message}).", ex),
        AmazonServiceException { ErrorCode: "ValidationException" } s when s.Message.Contains("size", StringComparison.OrdinalIgnoreCase) =>
            new(ConversationStoreFailure.TurnTooLarge, $"{what}: the service refused the turn as too large ({ex.Message}).", ex),
        AmazonServiceException s =>
            new(ConversationStoreFailure.Unavailable, $"{what} failed: {s.ErrorCode ?? s.GetType().Name} (HTTP {(int)s.StatusCode}): {s.Message}", ex),
        AmazonClientException or HttpRequestException or SocketException or IOException =>
            new(ConversationStoreFailure.Unavailable, $"{what} failed: the service could not be reached ({Innermost(ex).Message}).", ex),
        _ => new(ConversationStoreFailure.Unavailable, $"{what} failed ({ex.GetType().Name}: {ex.Message}).", ex),
    };

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }
}
