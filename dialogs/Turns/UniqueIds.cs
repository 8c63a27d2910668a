using System.Globalization;

namespace TrustBot.Turns;

/// <summary>
/// Ids that must never repeat, in this process or another instance (a turn's identity in the documents it writes,
/// the ids of replies returned in an HTTP response): a random prefix drawn once per process and a counter.
/// <see cref="Guid.NewGuid"/> asks the kernel for fresh random bytes on every call, a few microseconds each, and a
/// turn made up to three of them.
/// </summary>
internal static class UniqueIds
{
    private static readonly string Prefix = Guid.NewGuid().ToString("N")[..16];
    private static long s_next;

    /// <summary>A new id: 17 to 32 lower-case hexadecimal digits.</summary>
    public static string Next() => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{(ulong)Interlocked.Increment(ref s_next):x}");
}
