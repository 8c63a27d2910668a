using System.ComponentModel.DataAnnotations;

namespace TrustBot.Bot.Channel.Connector;

/// <summary>Section <c>BotFramework:Connector</c>: retries and timeouts of calls to the Bot Connector service.</summary>
internal sealed class ConnectorOptions
{
    public const string Section = "BotFramework:Connector";

    /// <summary>Retries after the first attempt on 429, 412, 502, 503, 504, timeouts and connection failures.</summary>
    [Range(1, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First backoff delay; doubles per retry, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest <c>Retry-After</c> the client will wait for. A channel asking for more
    /// is treated as a refusal: the caller (e.g. the proactive scheduler) tries again later.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One HTTP attempt; Bot Connector normally answers in well under a second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>All attempts and waits of one call together.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// Local mode (no app id): all attempts of one call to the loopback service URL (the Emulator)
    /// together. Kept short, so a silent local port cannot hold the inbound request for long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan LocalTotalTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Local mode: retries after the first attempt (0 to 3).</summary>
    [Range(0, 3)]
    public int LocalMaxRetryAttempts { get; set; } = 1;

    /// <summary>One request to the token endpoint.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan TokenTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
