namespace TrustBot.State;

/// <summary>
/// Where a document lives: a partition (normally the person, e.g. <c>msteams/users/29:abc</c>)
/// and a row inside it. Writes to one partition in one call are atomic.
/// </summary>
public readonly record struct StorageKey(string Partition, string Row)
{
    public override string ToString() => $"{Partition} | {Row}";
}

/// <summary>A stored JSON document and the ETag it was read with.</summary>
public sealed record StoreItem(string Json, string? ETag);

/// <summary>One change in a write call.</summary>
/// <param name="Key">The document's key.</param>
/// <param name="Json">The new content; null deletes the document.</param>
/// <param name="ETag">
/// The condition: null or <c>*</c> writes unconditionally; <see cref="ETags.New"/> only creates
/// (fails if the document exists); any other value must match the stored ETag.
/// </param>
public sealed record StorageWrite(StorageKey Key, string? Json, string? ETag);

public static class ETags
{
    public const string Any = "*";

    /// <summary>Create only: the write fails with a conflict when the document already exists.</summary>
    public const string New = "new:";

    public static bool IsUnconditional(string? etag) => etag is null or Any;
}

/// <summary>
/// Document storage with optimistic concurrency. Implementations: in memory (tests, benchmarks)
/// and Azure Table Storage (bot/).
/// </summary>
public interface IStorage
{
    /// <summary>Reads documents; missing keys are absent from the result.</summary>
    Task<IReadOnlyDictionary<StorageKey, StoreItem>> ReadAsync(IReadOnlyCollection<StorageKey> keys, CancellationToken cancellationToken);

    /// <summary>
    /// Reads rows of one partition: the same result as <see cref="ReadAsync"/> of those keys (missing rows absent, each
    /// row with its ETag), in one round trip where the store can make it one. Only for a few rows named by key.
    /// </summary>
    /// <remarks>
    /// A store that does not implement it reads the keys through its own <see cref="ReadAsync"/>, so a wrapper that
    /// counts, holds or changes reads sees these as well.
    /// </remarks>
    Task<IReadOnlyDictionary<StorageKey, StoreItem>> ReadRowsAsync(string partition, IReadOnlyCollection<string> rows, CancellationToken cancellationToken) =>
        ReadAsync([.. rows.Select(row => new StorageKey(partition, row))], cancellationToken);

    /// <summary>
    /// Applies the writes. Writes that share a partition are applied atomically; when any
    /// condition fails a <see cref="StorageConflictException"/> is thrown and none of that
    /// partition's writes are applied. Returns the new ETag of every written document.
    /// </summary>
    Task<IReadOnlyDictionary<StorageKey, string>> WriteAsync(IReadOnlyList<StorageWrite> writes, CancellationToken cancellationToken);

    /// <summary>Rows of a partition whose row key starts with the prefix, in ascending row-key order.</summary>
    Task<IReadOnlyList<KeyValuePair<StorageKey, StoreItem>>> QueryAsync(string partition, string rowPrefix, int maxCount, CancellationToken cancellationToken);

    /// <summary>Deletes every row of the partition. Returns how many were deleted.</summary>
    Task<int> DeletePartitionAsync(string partition, CancellationToken cancellationToken);
}

/// <summary>A conditional write found a different version of the document.</summary>
public sealed class StorageConflictException(StorageKey key)
    : Exception($"The document '{key.Row}' was changed by another turn; reload it and try again.")
{
    public StorageKey Key { get; } = key;
}

/// <summary>The storage service could not be reached or refused the request after retries.</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A document is larger than the storage can hold.</summary>
public sealed class StorageDocumentTooLargeException(StorageKey key, long bytes, long limit)
    : Exception($"The document '{key.Row}' is {bytes} bytes; the storage holds at most {limit}. Split it or store less in one document.")
{
    public StorageKey Key { get; } = key;
}
