using TrustBot.Testing;

namespace TrustBot.Bench;

/// <summary>One message of the check-in and how to tell the bot answered it correctly.</summary>
internal sealed record ScriptedTurn(string Input, Func<IReadOnlyList<Activity>, string?> Check);

/// <summary>
/// The daily check-in of a person who was hurt, with no boundaries and no weekly commitment set
/// (the path of tests/Journey/CheckInTests.cs): trust 7, communication better, no win, no setback.
/// Each check returns null when the replies are right, or what was wrong.
/// </summary>
internal static class CheckInScript
{
    /// <summary>The project's storage budget for a turn.</summary>
    public const int MaxReadsPerTurn = 2;

    /// <summary>The project's storage budget for a turn.</summary>
    public const int MaxWritesPerTurn = 1;

    public static readonly ScriptedTurn[] Turns =
    [
        new("check in", r => Single(r, "Time for a quick check-in. On a scale of 1 to 10, how much do you trust your partner today?")),
        new("7", r => Single(r, "Thank you. How has communication between you been since last time?", "Better", "About the same", "Worse", "Not sure")),
        new("Better", r => Single(r, "Is there a small win to celebrate, however small? Type it, or skip.", "Skip")),
        new("skip", r => Single(r, "And was there anything that felt like a setback? Type it (it stays private), or skip.", "Skip")),
        new("skip", r =>
            r.Count != 2 ? $"expected the summary and the menu (2 replies), got {r.Count}"
            : r[0].Text is not { } summary || !summary.Contains("Trust today: 7/10", StringComparison.Ordinal) 
                || !(summary.Contains("check-ins in a row", StringComparison.Ordinal) || summary.Contains("first check-in", StringComparison.Ordinal))
                ? "the summary does not give today's trust and the streak"
            : r[1].Text != "What would you like to do?" || !TestFlow.ButtonsOf(r[1]).Contains("Check in")
                ? "the menu did not follow the summary"
            : null),
    ];

    private static string? Single(IReadOnlyList<Activity> replies, string text, params string[] buttons)
    {
        if (replies.Count != 1) return $"expected 1 reply, got {replies.Count}";
        if (replies[0].Text != text) return $"expected \"{text}\"";
        if (buttons.Length > 0 && !TestFlow.ButtonsOf(replies[0]).SequenceEqual(buttons)) return $"expected buttons [{string.Join(", ", buttons)}]";
        return null;
    }
}
