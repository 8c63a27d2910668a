namespace TrustBot.Bot.Storage;

/// <summary>A cheap call that proves the configured storage answers; what /healthz asks.</summary>
internal interface IStorageProbe
{
    /// <summary>What is probed, for the health report (e.g. the table's name).</summary>
    string Description { get; }

    /// <summary>Returns when the storage answered; throws <see cref="TrustBot.State.StorageUnavailableException"/> (or the
    /// service's refusal) when it did not.</summary>
    Task ProbeAsync(CancellationToken cancellationToken);
}

/// <summary>In-memory storage is in the process, so it always answers.</summary>
internal sealed class InProcessStorageProbe : IStorageProbe
{
    public string Description => "in-memory storage";

    public Task ProbeAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
