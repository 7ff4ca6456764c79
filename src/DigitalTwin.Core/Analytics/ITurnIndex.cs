using DigitalTwin.Conversations;

namespace DigitalTwin.Analytics;

/// <summary>
/// A conversation store's index of turns by time, for analytics: lists the turns a twin stored in a period without reading
/// message text. The file, in-memory, S3 and DynamoDB stores implement it; a custom <see cref="Memory.IConversationStore"/>
/// may implement it too, or analytics report that the store cannot list turns by time.
/// </summary>
public interface ITurnIndex
{
    /// <summary>
    /// Streams a record of every turn of <paramref name="twin"/> whose answer was stored at or after <paramref name="since"/>
    /// and before <paramref name="until"/>, in no particular order. Each turn is listed once.
    /// </summary>
    /// <param name="twin">The twin's name, as in <see cref="ConversationKey.Twin"/>.</param>
    /// <param name="since">The start of the period (inclusive).</param>
    /// <param name="until">The end of the period (exclusive).</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <exception cref="Memory.ConversationStoreException">The store could not be read, or is not set up for listing by time.</exception>
    IAsyncEnumerable<TurnRecord> ReadTurnsAsync(string twin, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default);
}
