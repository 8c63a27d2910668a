using TrustBot.State;

namespace TrustBot.Tests.Storage;

/// <summary>
/// A storage that hands every call to another. The tests' wrappers derive from it and override only the call they
/// count, hold or break, so each one reads as what it does to the storage.
/// </summary>
public abstract class PassThroughStorage(IStorage inner) : IStorage
{
    /// <summary>The storage the calls go to.</summary>
    protected IStorage Inner { get; } = inner;

    public virtual Task<IReadOnlyDictionary<StorageKey, StoreItem>> ReadAsync(IReadOnlyCollection<StorageKey> keys, CancellationToken cancellationToken) =>
        Inner.ReadAsync(keys, cancellationToken);

    public virtual Task<IReadOnlyDictionary<StorageKey, string>> WriteAsync(IReadOnlyList<StorageWrite> writes, CancellationToken cancellationToken) =>
        Inner.WriteAsync(writes, cancellationToken);

    public virtual Task<IReadOnlyList<KeyValuePair<StorageKey, StoreItem>>> QueryAsync(string partition, string rowPrefix, int maxCount, CancellationToken cancellationToken) =>
        Inner.QueryAsync(partition, rowPrefix, maxCount, cancellationToken);

    public virtual Task<int> DeletePartitionAsync(string partition, CancellationToken cancellationToken) =>
        Inner.DeletePartitionAsync(partition, cancellationToken);
}
