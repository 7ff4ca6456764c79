using System.Collections.Concurrent;

namespace DigitalTwin.Memory;

/// <summary>
/// Runs <c>fsync</c> for the file store on a few dedicated threads. Waiting for the disk takes milliseconds and cannot be
/// made asynchronous on Linux; done on thread-pool threads (as <see cref="FileStream.Flush(bool)"/> would be) it holds the
/// threads that serve requests, and under load the pool starves. Here the awaiting append frees its thread until the disk
/// has the data, and concurrent flushes of different session files reach the file system together (one journal commit).
/// </summary>
internal static class DiskFlusher
{
    private static readonly int ThreadCount = Math.Clamp(Environment.ProcessorCount * 4, 4, 32);
    private static readonly Lazy<BlockingCollection<FlushRequest>> Queue = new(Start);

    /// <summary>Flushes <paramref name="file"/> to the disk; the caller must not use the file until the task completes.</summary>
    public static Task FlushToDiskAsync(FileStream file)
    {
        var request = new FlushRequest(file);
        Queue.Value.Add(request);
        return request.Task;
    }

    private static BlockingCollection<FlushRequest> Start()
    {
        var queue = new BlockingCollection<FlushRequest>();
        for (var i = 0; i < ThreadCount; i++)
        {
            new Thread(() =>
            {
                foreach (var request in queue.GetConsumingEnumerable())
                {
                    request.Run();
                }
            })
            { IsBackground = true, Name = "DigitalTwin file store fsync" }.Start();
        }

        return queue;
    }

    private sealed class FlushRequest(FileStream file) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public void Run()
        {
            try
            {
                file.Flush(flushToDisk: true);
                TrySetResult();
            }
            catch (IOException ex)
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
