using System.Collections.Concurrent;

namespace DigitalTwin.Memory;

/// <summary>
/// Writes and <c>fsync</c>s file store appends on dedicated threads. Waiting for the disk takes milliseconds and cannot be
/// made asynchronous on Linux; done on thread-pool threads (as <see cref="FileStream.Flush(bool)"/> after an awaited write
/// would be) it holds the threads that serve requests, and under load the pool starves. Here the awaiting append frees
/// its thread until the disk has the data (one hand-off there and one back), and concurrent flushes of different session
/// files reach the file system together, where the journal commits them as a group.
/// </summary>
internal static class DiskWriter
{
    private static readonly int ThreadCount = Math.Clamp(Environment.ProcessorCount * 8, 16, 64);
    private static readonly Lazy<BlockingCollection<WriteRequest>> Queue = new(Start);

    /// <summary>
    /// Writes <paramref name="bytes"/> at <paramref name="offset"/> of <paramref name="file"/> and flushes the file to the
    /// disk. The caller keeps the file open and unused, and <paramref name="bytes"/> unchanged, until the task completes.
    /// </summary>
    public static Task WriteAndFlushAsync(FileStream file, ReadOnlyMemory<byte> bytes, long offset)
    {
        var request = new WriteRequest(file, bytes, offset);
        Queue.Value.Add(request);
        return request.Task;
    }

    private static BlockingCollection<WriteRequest> Start()
    {
        var queue = new BlockingCollection<WriteRequest>();
        for (var i = 0; i < ThreadCount; i++)
        {
            new Thread(() =>
            {
                foreach (var request in queue.GetConsumingEnumerable())
                {
                    request.Run();
                }
            })
            { IsBackground = true, Name = "DigitalTwin file store writer" }.Start();
        }

        return queue;
    }

    private sealed class WriteRequest(FileStream file, ReadOnlyMemory<byte> bytes, long offset)
        : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public void Run()
        {
            try
            {
                RandomAccess.Write(file.SafeFileHandle, bytes.Span, offset);
                file.Flush(flushToDisk: true);
                TrySetResult();
            }
            catch (IOException ex)
            {
                TrySetException(ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                TrySetException(ex);
            }
            catch (ObjectDisposedException ex)
            {
                TrySetException(ex);
            }
        }
    }
}
