namespace DigitalTwin.Memory;

/// <summary>
/// Opens a file under an OS lock (the <see cref="FileShare"/> given), retrying while another process or store instance holds
/// a conflicting lock, until a timeout. Shared by the file store's appends, reads and turn claims.
/// </summary>
internal static class FileLock
{
    public static async Task<FileStream> OpenAsync(
        string path, FileMode mode, FileAccess access, FileShare share, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, mode, access, share, bufferSize: 0, FileOptions.Asynchronous);
            }
            catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException && ex.HResult is 11 or 32 or 33 or unchecked((int)0x80070020))
            {
                if (time.GetElapsedTime(started) > timeout)
                {
                    throw new ConversationStoreException(ConversationStoreFailure.Timeout, $"Timed out after {timeout} waiting for the lock on {path}.", ex);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50, 1 << Math.Min(attempt, 5))), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
