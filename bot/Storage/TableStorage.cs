using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TrustBot.Bot.Hosting;
using TrustBot.State;

namespace TrustBot.Bot.Storage;

/// <summary>
/// <see cref="IStorage"/> on Azure Table Storage (or Azurite): one table <c>{TablePrefix}Journey</c>,
/// PartitionKey/RowKey = the escaped <see cref="StorageKey"/>, the JSON document in string
/// properties <c>D0</c>, <c>D1</c>, … and the entity ETag for optimistic concurrency.
/// </summary>
/// <remarks>
/// Writes to one partition go in one entity group transaction, so they are atomic — up to
/// <see cref="MaxTransactionActions"/> documents (and about 3 MiB) per partition and call; a larger
/// group is split into several transactions, each atomic on its own. Partitions are written
/// concurrently. A key may appear only once per call (a transaction can't touch a row twice).
/// A create-only delete (<c>Json</c> null, <see cref="ETags.New"/>) is checked by a read before the
/// transaction, not inside it. Queries return rows in the order of their escaped keys, which is
/// the original order unless keys hold chars that need escaping (see <see cref="TableKeys"/>).
/// </remarks>
internal sealed class TableStorage : IStorage, IStorageProbe
{
    /// <summary>Largest entity Table Storage holds (its own size formula, strings counted in UTF-16).</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>Chars per document property: 64 KiB of UTF-16 is the limit, keep a margin.</summary>
    internal const int ChunkChars = 32_000;

    internal const int MaxTransactionActions = 100;

    /// <summary>
    /// Rows <see cref="ReadRowsAsync"/> reads in one query: Table Storage allows 15 comparisons in a filter, and the
    /// partition and the two range bounds take three.
    /// </summary>
    internal const int MaxRowsPerQuery = 12;

    /// <summary>Own properties an entity may have besides PartitionKey, RowKey and Timestamp.</summary>
    private const int MaxProperties = 252;

    /// <summary>A transaction's body must stay under 4 MiB on the wire.</summary>
    private const long MaxTransactionWireBytes = 3L * 1024 * 1024;

    private const string RowProperty = "Row";
    private const string DataPrefix = "D";
    private const int QueryPageSize = 1000;
    private const long DeleteWireBytes = 256;

    private readonly TableServiceClient _service;
    private readonly TableClient _table;
    private readonly ILogger<TableStorage> _logger;
    private readonly Lock _gate = new();
    private Task? _tableReady;

    public TableStorage(TableServiceClient service, IOptions<StorageOptions> options, ILogger<TableStorage> logger)
    {
        _service = service;
        TableName = options.Value.TablePrefix + "Journey";
        _table = service.GetTableClient(TableName);
        _logger = logger;
    }

    public string TableName { get; }

    public async Task<IReadOnlyDictionary<StorageKey, StoreItem>> ReadAsync(IReadOnlyCollection<StorageKey> keys, CancellationToken cancellationToken)
    {
        try
        {
            var distinct = keys.Distinct().ToList();
            var items = await Task.WhenAll(distinct.Select(k => ReadOneAsync(k, cancellationToken))).ConfigureAwait(false);
            var result = new Dictionary<StorageKey, StoreItem>(distinct.Count);
            for (var i = 0; i < distinct.Count; i++)
                if (items[i] is { } item) result[distinct[i]] = item;
            return result;
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// The rows in one request: a query of the partition for exactly those row keys, bounded to the key range between
    /// them so the service need not look at the rest of the partition (a person's partition also holds their journal and
    /// check-ins). Each row comes with its ETag, as a point read's would. One row, or more than a filter may compare,
    /// goes as point reads.
    /// </summary>
    public async Task<IReadOnlyDictionary<StorageKey, StoreItem>> ReadRowsAsync(string partition, IReadOnlyCollection<string> rows, CancellationToken cancellationToken)
    {
        var distinct = rows.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count is < 2 or > MaxRowsPerQuery)
            return await ReadAsync([.. distinct.Select(row => new StorageKey(partition, row))], cancellationToken).ConfigureAwait(false);

        // Escaped keys order the same in UTF-16 and UTF-8 (see TableKeys), so the bounds hold on the service too.
        var keys = distinct.Select(TableKeys.Encode).Order(StringComparer.Ordinal).ToList();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Encode(partition)} and RowKey ge {keys[0]} and RowKey le {keys[^1]}")
                     + " and (" + string.Join(" or ", keys.Select(key => TableClient.CreateQueryFilter($"RowKey eq {key}"))) + ")";
        var result = new Dictionary<StorageKey, StoreItem>(keys.Count);
        try
        {
            await foreach (var entity in _table.QueryAsync<TableEntity>(filter, keys.Count, select: null, cancellationToken).ConfigureAwait(false))
            {
                result[KeyOf(partition, entity)] = ItemOf(entity);
            }
            return result;
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == "TableNotFound")
        {
            return result;
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    private async Task<StoreItem?> ReadOneAsync(StorageKey key, CancellationToken cancellationToken)
    {
        // A missing table answers 404 as well, which is "absent" too: the next write recreates it.
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.Encode(key.Partition), TableKeys.Encode(key.Row), select: null, cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ItemOf(response.Value!) : null;
    }

    /// <summary>The document of a row read from the table, with its ETag.</summary>
    private static StoreItem ItemOf(TableEntity entity) => new(Assemble(entity), entity.ETag.ToString());

    /// <summary>The key of a row read from a partition's query: its own row key, kept beside a hashed one, or decoded.</summary>
    private static StorageKey KeyOf(string partition, TableEntity entity) =>
        new(partition, entity.GetString(RowProperty) ?? TableKeys.Decode(entity.RowKey));

    public async Task<IReadOnlyDictionary<StorageKey, string>> WriteAsync(IReadOnlyList<StorageWrite> writes, CancellationToken cancellationToken)
    {
        var duplicate = writes.GroupBy(w => w.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"The key '{duplicate.Key}' appears more than once in one write; merge those changes into one write.", nameof(writes));

        var prepared = writes.Select(Prepare).ToList();
        var etags = new Dictionary<StorageKey, string>();
        try
        {
            var groups = prepared.GroupBy(p => p.PartitionKey)
                .Select(g => WritePartitionAsync(g.ToList(), cancellationToken));
            foreach (var written in await Task.WhenAll(groups).ConfigureAwait(false))
                foreach (var (key, etag) in written) etags[key] = etag;
            return etags;
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    private async Task<List<KeyValuePair<StorageKey, string>>> WritePartitionAsync(List<PreparedWrite> ops, CancellationToken cancellationToken)
    {
        // "Delete only if it does not exist" has no Table equivalent: settle it with a read first.
        var createOnlyDeletes = ops.Where(o => o.Write.Json is null && o.Write.ETag == ETags.New).ToList();
        foreach (var op in createOnlyDeletes)
        {
            if (await ReadOneAsync(op.Write.Key, cancellationToken).ConfigureAwait(false) is not null)
                throw new StorageConflictException(op.Write.Key);
            ops.Remove(op);
        }

        var written = new List<KeyValuePair<StorageKey, string>>();
        foreach (var chunk in Chunk(ops))
        {
            var (applied, responses) = await SubmitAsync(chunk, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < applied.Count; i++)
            {
                if (applied[i].Entity is null) continue;
                var etag = responses[i].Headers.ETag
                    ?? throw new InvalidOperationException("The table service answered a write without an ETag; it does not behave like Azure Table Storage.");
                written.Add(new(applied[i].Write.Key, etag.ToString()));
            }
        }
        return written;
    }

    /// <summary>Splits one partition's writes into transactions within the service's count and size limits.</summary>
    private static IEnumerable<List<PreparedWrite>> Chunk(List<PreparedWrite> ops)
    {
        var chunk = new List<PreparedWrite>();
        long wire = 0;
        foreach (var op in ops)
        {
            if (chunk.Count > 0 && (chunk.Count == MaxTransactionActions || wire + op.WireBytes > MaxTransactionWireBytes))
            {
                yield return chunk;
                chunk = [];
                wire = 0;
            }
            chunk.Add(op);
            wire += op.WireBytes;
        }
        if (chunk.Count > 0) yield return chunk;
    }

    /// <summary>
    /// Submits one transaction. An unconditional delete of a missing row fails the whole
    /// transaction with 404, so it is dropped and the rest resubmitted.
    /// </summary>
    private async Task<(List<PreparedWrite> Applied, IReadOnlyList<Response> Responses)> SubmitAsync(List<PreparedWrite> ops, CancellationToken cancellationToken)
    {
        var pending = new List<PreparedWrite>(ops);
        var tableRecreated = false;
        while (pending.Count > 0)
        {
            var ready = await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var response = await _table.SubmitTransactionAsync(pending.Select(p => p.ToAction()), cancellationToken).ConfigureAwait(false);
                return (pending, response.Value);
            }
            catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == "TableNotFound" && !tableRecreated)
            {
                // The table was deleted (or an in-memory emulator restarted) since it was created.
                tableRecreated = true;
                ForgetTable(ready);
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex is { } index && index >= 0 && index < pending.Count
                                                             && ex.Status is 400 or 404 or 409 or 412 or 413 && ex.ErrorCode != "TableNotFound")
            {
                var failed = pending[index];
                if (ex.Status == 404 && failed.Entity is null && ETags.IsUnconditional(failed.Write.ETag))
                {
                    pending.RemoveAt(index);
                    continue;
                }
                if (ex.Status is 400 or 413)
                {
                    if (ex.ErrorCode is "EntityTooLarge" or "PropertyValueTooLarge" or "RequestBodyTooLarge")
                        // The service measures the request body, so report the size it saw.
                        throw new StorageDocumentTooLargeException(failed.Write.Key, failed.WireBytes, MaxEntityBytes);
                    throw;
                }
                // 409 on add, 412 on a stale ETag, 404 when a conditional write finds nothing.
                throw new StorageConflictException(failed.Write.Key);
            }
        }
        return ([], []);
    }

    public async Task<IReadOnlyList<KeyValuePair<StorageKey, StoreItem>>> QueryAsync(string partition, string rowPrefix, int maxCount, CancellationToken cancellationToken)
    {
        var result = new List<KeyValuePair<StorageKey, StoreItem>>();
        if (maxCount <= 0) return result;

        var pk = TableKeys.Encode(partition);
        string filter;
        if (rowPrefix.Length == 0)
        {
            filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk}");
        }
        else
        {
            var low = TableKeys.EncodePrefix(rowPrefix);
            var high = TableKeys.PrefixUpperBound(low);
            filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {low} and RowKey lt {high}");
        }

        try
        {
            var pages = _table.QueryAsync<TableEntity>(filter, Math.Min(maxCount, QueryPageSize), select: null, cancellationToken).AsPages();
            await foreach (var page in pages.ConfigureAwait(false))
            {
                foreach (var entity in page.Values)
                {
                    result.Add(new(KeyOf(partition, entity), ItemOf(entity)));
                    if (result.Count == maxCount) return result;
                }
            }
            return result;
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == "TableNotFound")
        {
            return result;
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    public async Task<int> DeletePartitionAsync(string partition, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Encode(partition);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk}");
        string[] keysOnly = ["PartitionKey", "RowKey"];
        var deleted = 0;
        try
        {
            while (true)
            {
                // Re-query from the start after each round instead of following continuation tokens
                // past deleted rows (Azurite's are unreliable); only an empty page (the service may
                // send one with a continuation) is skipped.
                var keys = new List<PreparedWrite>();
                await foreach (var page in _table.QueryAsync<TableEntity>(filter, QueryPageSize, keysOnly, cancellationToken).AsPages().ConfigureAwait(false))
                {
                    keys.AddRange(page.Values.Select(e => PreparedWrite.DeleteRow(e.PartitionKey, e.RowKey)));
                    if (keys.Count > 0) break;
                }
                if (keys.Count == 0) return deleted;

                foreach (var chunk in keys.Chunk(MaxTransactionActions))
                {
                    var (applied, _) = await SubmitAsync([.. chunk], cancellationToken).ConfigureAwait(false);
                    deleted += applied.Count;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == "TableNotFound")
        {
            return deleted;
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    string IStorageProbe.Description => $"table {TableName}";

    Task IStorageProbe.ProbeAsync(CancellationToken cancellationToken) => PingAsync(cancellationToken);

    /// <summary>A cheap round trip to the table service, for health checks.</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            var filter = TableServiceClient.CreateQueryFilter($"TableName eq {TableName}");
            await foreach (var _ in _service.QueryAsync(filter, maxPerPage: 1, cancellationToken).AsPages().ConfigureAwait(false))
                break;
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Creates the table on first use; returns the creation task so a caller can later report it stale.</summary>
    private async Task<Task> EnsureTableAsync(CancellationToken cancellationToken)
    {
        Task ready;
        lock (_gate)
        {
            if (_tableReady is null || _tableReady.IsFaulted || _tableReady.IsCanceled)
                _tableReady = CreateTableAsync();
            ready = _tableReady;
        }
        await ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        return ready;
    }

    private void ForgetTable(Task observed)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_tableReady, observed)) _tableReady = null;
        }
    }

    /// <summary>Creates the table once per process; shared by concurrent callers, so no caller's token cancels it.</summary>
    private async Task CreateTableAsync()
    {
        // CreateIfNotExists treats 409 TableAlreadyExists (another instance won the race) as success.
        await _table.CreateIfNotExistsAsync(CancellationToken.None).ConfigureAwait(false);
        _logger.LogInformation("Table {Table} is ready", TableName);
    }

    private PreparedWrite Prepare(StorageWrite write)
    {
        var pk = TableKeys.Encode(write.Key.Partition);
        var rk = TableKeys.Encode(write.Key.Row);
        if (write.Json is null) return new PreparedWrite(write, pk, rk, null, 0, DeleteWireBytes);

        var entity = new TableEntity(pk, rk);
        // Azure's entity size: 4 + keys in UTF-16 + per property 8 + name in UTF-16 + value (4 + UTF-16 for strings); Timestamp included.
        long bytes = 4 + 2L * (pk.Length + rk.Length) + 8 + 2 * "Timestamp".Length + 8;
        long wire = 256 + 3L * (pk.Length + rk.Length);
        if (TableKeys.IsHashed(rk))
        {
            entity[RowProperty] = write.Key.Row;
            bytes += 8 + 2 * RowProperty.Length + 4 + 2L * write.Key.Row.Length;
            wire += 32 + JsonWireBytes(write.Key.Row);
        }

        var json = write.Json;
        var index = 0;
        var start = 0;
        do
        {
            var length = Math.Min(ChunkChars, json.Length - start);
            // Never split a surrogate pair across two properties.
            if (length > 0 && start + length < json.Length && char.IsHighSurrogate(json[start + length - 1])) length--;
            var name = DataPrefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var part = json.Substring(start, length);
            entity[name] = part;
            bytes += 8 + 2 * name.Length + 4 + 2L * part.Length;
            wire += 16 + JsonWireBytes(part);
            start += length;
            index++;
        }
        while (start < json.Length);

        if (bytes > MaxEntityBytes || entity.Count - 2 > MaxProperties)
            throw new StorageDocumentTooLargeException(write.Key, bytes, MaxEntityBytes);
        return new PreparedWrite(write, pk, rk, entity, bytes, wire);
    }

    /// <summary>Upper bound of a string's size in the SDK's JSON (non-ASCII and HTML-sensitive chars become \uXXXX).</summary>
    private static long JsonWireBytes(string value)
    {
        long n = 2;
        foreach (var c in value)
            n += c is >= ' ' and < '\u007f' and not ('"' or '\\' or '<' or '>' or '&' or '\'' or '+' or '`') ? 1 : 6;
        return n;
    }

    private static string Assemble(TableEntity entity)
    {
        var first = entity.GetString(DataPrefix + "0") ?? "";
        if (!entity.ContainsKey(DataPrefix + "1")) return first;
        var sb = new System.Text.StringBuilder(first);
        for (var i = 1; entity.GetString(DataPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } part; i++)
            sb.Append(part);
        return sb.ToString();
    }

    /// <summary>
    /// True for failures that mean "the service is not there or not coping": transport errors,
    /// per-try timeouts, 408/429/5xx — all already retried by the client's retry policy.
    /// </summary>
    private static bool IsUnavailable(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        RequestFailedException r => r.Status is 0 or 408 or 429 or >= 500,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(e => IsUnavailable(e, cancellationToken)),
        HttpRequestException or IOException or TimeoutException => true,
        _ => false,
    };

    /// <summary>
    /// The exception a caller should see instead of <paramref name="ex"/>, or null to let it through.
    /// The retry policy wraps a cancellation during its back-off in an AggregateException; callers
    /// get a plain <see cref="OperationCanceledException"/> for their token.
    /// </summary>
    private Exception? Translate(Exception ex, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested && ex is AggregateException)
            return new OperationCanceledException("The storage call was cancelled.", ex, cancellationToken);
        return IsUnavailable(ex, cancellationToken) ? Unavailable(ex) : null;
    }

    private StorageUnavailableException Unavailable(Exception ex)
    {
        _logger.LogWarning("Table storage did not answer: {Error}", ex.GetType().Name);
        return new StorageUnavailableException(
            $"Azure Table Storage did not answer (table {TableName}). Check Storage:ConnectionString and that the storage account — or Azurite, which ./run.sh starts — is running.",
            ex);
    }

    private sealed record PreparedWrite(StorageWrite Write, string PartitionKey, string RowKey, TableEntity? Entity, long EntityBytes, long WireBytes)
    {
        public static PreparedWrite DeleteRow(string partitionKey, string rowKey) =>
            new(new StorageWrite(new StorageKey(partitionKey, rowKey), null, ETags.Any), partitionKey, rowKey, null, 0, DeleteWireBytes);

        public TableTransactionAction ToAction()
        {
            if (Entity is not null)
            {
                return Write.ETag switch
                {
                    null or ETags.Any => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity),
                    ETags.New => new TableTransactionAction(TableTransactionActionType.Add, Entity),
                    var etag => new TableTransactionAction(TableTransactionActionType.UpdateReplace, Entity, new ETag(etag)),
                };
            }
            var keyOnly = new TableEntity(PartitionKey, RowKey);
            return ETags.IsUnconditional(Write.ETag)
                ? new TableTransactionAction(TableTransactionActionType.Delete, keyOnly, ETag.All)
                : new TableTransactionAction(TableTransactionActionType.Delete, keyOnly, new ETag(Write.ETag!));
        }
    }
}
