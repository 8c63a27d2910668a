using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using TrustBot.State;
using TrustBot.Turns;
using TrustBot.Tests.Storage;

namespace TrustBot.Tests.Integration;

/// <summary>Counts the storage calls a turn makes, passing them to the real storage.</summary>
public sealed class CountingStorage(IStorage inner) : PassThroughStorage(inner)
{
    private int _reads;
    private int _queries;
    private int _writes;
    private int _deletes;

    public int Reads => Volatile.Read(ref _reads);
    public int Queries => Volatile.Read(ref _queries);
    public int Writes => Volatile.Read(ref _writes);
    public int PartitionDeletes => Volatile.Read(ref _deletes);

    public void Reset()
    {
        Interlocked.Exchange(ref _reads, 0);
        Interlocked.Exchange(ref _queries, 0);
        Interlocked.Exchange(ref _writes, 0);
        Interlocked.Exchange(ref _deletes, 0);
    }

    public override Task<IReadOnlyDictionary<StorageKey, StoreItem>> ReadAsync(IReadOnlyCollection<StorageKey> keys, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return Inner.ReadAsync(keys, cancellationToken);
    }

    public override Task<IReadOnlyDictionary<StorageKey, string>> WriteAsync(IReadOnlyList<StorageWrite> writes, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        return Inner.WriteAsync(writes, cancellationToken);
    }

    public override Task<IReadOnlyList<KeyValuePair<StorageKey, StoreItem>>> QueryAsync(string partition, string rowPrefix, int maxCount, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _queries);
        return Inner.QueryAsync(partition, rowPrefix, maxCount, cancellationToken);
    }

    public override Task<int> DeletePartitionAsync(string partition, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _deletes);
        return Inner.DeletePartitionAsync(partition, cancellationToken);
    }
}

/// <summary>Counts the HTTP requests the table client sends (every try, retries included).</summary>
public sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<string> _requests = new();

    public IReadOnlyList<string> Requests => [.. _requests];

    public int Count(string method) => _requests.Count(r => r.StartsWith(method + " ", StringComparison.Ordinal));

    public void Reset() => _requests.Clear();

    public override void OnSendingRequest(HttpMessage message) =>
        _requests.Enqueue($"{message.Request.Method} {message.Request.Uri.Path}");
}

/// <summary>
/// Makes concurrent turns collide deterministically: while armed, each read of a person's state
/// waits until <c>parties</c> reads have arrived, so all of them load the same ETag.
/// </summary>
public sealed class RaceGate(IStorage inner) : PassThroughStorage(inner)
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _open;
    private int _expected;
    private int _arrived;
    private int _conflicts;

    public int Conflicts => Volatile.Read(ref _conflicts);

    public void Arm(int parties)
    {
        lock (_lock)
        {
            _expected = parties;
            _arrived = 0;
            _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public override async Task<IReadOnlyDictionary<StorageKey, StoreItem>> ReadAsync(IReadOnlyCollection<StorageKey> keys, CancellationToken cancellationToken)
    {
        var result = await Inner.ReadAsync(keys, cancellationToken);
        Task? wait = null;
        lock (_lock)
        {
            if (_open is { } open && keys.Any(k => k.Row == "user"))
            {
                if (++_arrived >= _expected)
                {
                    _open = null;
                    open.SetResult();
                }
                wait = open.Task;
            }
        }
        if (wait is not null) await wait.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        return result;
    }

    public override async Task<IReadOnlyDictionary<StorageKey, string>> WriteAsync(IReadOnlyList<StorageWrite> writes, CancellationToken cancellationToken)
    {
        try
        {
            return await Inner.WriteAsync(writes, cancellationToken);
        }
        catch (StorageConflictException)
        {
            Interlocked.Increment(ref _conflicts);
            throw;
        }
    }
}

/// <summary>Records how many times each turn ran (more than once after an ETag conflict).</summary>
public sealed class AttemptRecorder : IMiddleware
{
    private readonly ConcurrentQueue<int> _attempts = new();

    public IReadOnlyList<int> Attempts => [.. _attempts];

    public void Reset() => _attempts.Clear();

    public async Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken)
    {
        try
        {
            await next(cancellationToken);
        }
        finally
        {
            if (turnContext.Services.Get<StatefulTurnRunner.Attempts>() is { } attempts) _attempts.Enqueue(attempts.Count);
        }
    }
}
