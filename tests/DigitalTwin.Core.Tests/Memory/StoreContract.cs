namespace DigitalTwin.Core.Tests.Memory;

/// <summary>
/// What the store contracts (<see cref="ConversationStoreContract"/>, <see cref="TurnClaimsContract"/>,
/// <see cref="OwnerRecordsContract"/>) share: the stores a test makes are handed to <see cref="Own{T}"/> and disposed after it,
/// as is the <see cref="Folder"/> of file stores.
/// </summary>
public abstract class StoreContract : IAsyncLifetime
{
    private readonly List<IDisposable> _owned = [];
    private TempDirectory? _folder;

    /// <summary>A temporary folder for the test's file stores, deleted after the test.</summary>
    protected TempDirectory Folder => _folder ??= Own(new TempDirectory());

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose(); // the stores before the folder they write to
        }

        _owned.Clear();
        return Task.CompletedTask;
    }

    /// <summary>Disposes <paramref name="store"/> (when it is disposable) after the test; returns it.</summary>
    protected T Own<T>(T store)
    {
        if (store is IDisposable disposable)
        {
            _owned.Add(disposable);
        }

        return store;
    }
}
