using System.ComponentModel.DataAnnotations;

namespace TrustBot.Bot.Hosting;

/// <summary>
/// Section <c>Storage:Cache</c>: the in-process cache of recently active people's state documents
/// (profile and dialog stacks), so a warm turn needs no storage read. Correctness never depends on
/// it: every write is conditional on the cached ETag.
/// </summary>
internal sealed class StateCacheOptions
{
    public const string Section = "Storage:Cache";

    /// <summary>People whose documents are kept (least recently active go first); 0 turns the cache off.</summary>
    [Range(0, 1_000_000)]
    public int MaxPeople { get; set; } = 10_000;

    /// <summary>How long a cached document is used without a storage read or write confirming it.</summary>
    [Range(1, 86_400)]
    public int MaxAgeSeconds { get; set; } = 300;
}
