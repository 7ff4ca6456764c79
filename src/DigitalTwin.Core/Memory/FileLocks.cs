using Microsoft.Win32.SafeHandles;

namespace DigitalTwin.Memory;

/// <summary>
/// Opens files under the OS lock .NET takes for the share mode (exclusive for <see cref="FileShare.None"/>, shared
/// otherwise), retrying while another process holds a conflicting lock.
/// </summary>
internal static class FileLocks
{
    /// <summary>Opens <paramref name="path"/>, waiting up to <paramref name="lockTimeout"/> for a conflicting lock to go.</summary>
    /// <exception cref="ConversationStoreException">The lock was still held after <paramref name="lockTimeout"/>.</exception>
    public static async Task<FileStream> OpenAsync(
        string path, FileMode mode, FileAccess access, FileShare share, TimeSpan lockTimeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, mode, access, share, bufferSize: 0, FileOptions.Asynchronous);
            }
            catch (IOException ex) when (IsLockConflict(ex))
            {
                if (time.GetElapsedTime(started) > lockTimeout)
                {
                    throw new ConversationStoreException(ConversationStoreFailure.Timeout, $"Timed out after {lockTimeout} waiting for the lock on {path}.", ex);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50, 1 << Math.Min(attempt, 5))), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Opens or creates a file under an exclusive lock, to append to it or to hold it as a lock file; its folder is created
    /// only when the open finds it missing.
    /// </summary>
    public static async Task<FileStream> OpenForAppendAsync(string path, TimeSpan lockTimeout, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            return await OpenAsync(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, lockTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (ex is DirectoryNotFoundException or FileNotFoundException)
        {
            // The folder is missing. (.NET reports FileNotFound when another writer created the folder meanwhile.)
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return await OpenAsync(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, lockTimeout, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The synchronous form of <see cref="OpenForAppendAsync"/>, for short appends made under an in-process monitor:
    /// the same folder creation and lock wait, with the wait spent in 1 ms sleeps.
    /// </summary>
    /// <exception cref="ConversationStoreException">The lock was still held after <paramref name="lockTimeout"/>.</exception>
    public static SafeFileHandle OpenForAppend(string path, TimeSpan lockTimeout, TimeProvider time)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            try
            {
                return File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex) when (ex is DirectoryNotFoundException or FileNotFoundException && time.GetElapsedTime(started) <= lockTimeout)
            {
                // The folder is missing. (.NET reports FileNotFound when another writer created it meanwhile.)
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            }
            catch (IOException ex) when (IsLockConflict(ex))
            {
                if (time.GetElapsedTime(started) > lockTimeout)
                {
                    throw new ConversationStoreException(ConversationStoreFailure.Timeout, $"Timed out after {lockTimeout} waiting for the lock on {path}.", ex);
                }

                Thread.Sleep(1);
            }
        }
    }

    /// <summary>Whether opening failed because another handle holds a conflicting lock (EWOULDBLOCK, or a Windows sharing violation).</summary>
    public static bool IsLockConflict(IOException ex) =>
        ex is not FileNotFoundException and not DirectoryNotFoundException && ex.HResult is 11 or 32 or 33 or unchecked((int)0x80070020);

    /// <summary>Whether the last byte of a non-empty open file is a newline (so an append needs no sealing newline first).</summary>
    public static bool EndsWithNewline(SafeFileHandle file, long length)
    {
        Span<byte> last = stackalloc byte[1];
        return RandomAccess.Read(file, last, length - 1) == 1 && last[0] == (byte)'\n';
    }
}
