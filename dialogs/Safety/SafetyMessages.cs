namespace TrustBot.Safety;

/// <summary>The short, caring message shown instead of the flow when a turn suggests danger.</summary>
public static class SafetyMessages
{
    /// <summary>
    /// Composes the safety message: at most three short texts — a category-specific first line that thanks the
    /// person for telling us, the crisis resources, and a last line saying these steps are not meant for
    /// relationships with abuse or danger and that they can carry on whenever they are ready.
    /// </summary>
    /// <param name="category">What the detector found; must not be <see cref="SafetyCategory.None"/>.</param>
    /// <param name="resources">The lines from <see cref="SafetyResources.For"/>; when empty the built-in fallback is used.</param>
    /// <param name="role">The role the person chose, if known: <c>hurt</c>, <c>repairing</c> or <c>both</c>
    /// (case-insensitive). It only changes the wording for violence.</param>
    public static IReadOnlyList<string> Compose(SafetyCategory category, IReadOnlyList<string> resources, string? role = null)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var first = category switch
        {
            SafetyCategory.SelfHarm =>
                "I'm really glad you told me. What you're carrying sounds so heavy, and you don't have to hold it alone: please reach out to someone who can be with you in this right now.",
            SafetyCategory.Violence when string.Equals(role, "repairing", StringComparison.OrdinalIgnoreCase) =>
                "Thank you for being honest with me. If you have hurt someone, or fear you might, stepping back and talking to someone trained to help is the strongest next step.",
            SafetyCategory.Violence =>
                "Thank you for telling me; that took courage. Nobody deserves to be hurt or threatened, and if you're ever afraid you might hurt someone, there is help for that too.",
            SafetyCategory.FearForSafety =>
                "I'm glad you told me. Being afraid of a partner, or feeling controlled by them, is serious, and your safety matters more than any step of this journey.",
            _ => throw new ArgumentOutOfRangeException(nameof(category), category,
                "Compose a safety message only for a crisis category; check SafetyAssessment.IsCrisis first."),
        };

        var lines = resources.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        if (lines.Count == 0)
        {
            lines = [.. SafetyResources.BuiltInFallback];
        }

        var help = "You can reach someone now:\n" + string.Join("\n", lines.Select(l => "• " + l.Trim()));
        const string Pause =
            "These trust-building steps aren't meant for relationships where there is abuse or danger, so I've set them aside for now. Whenever you're ready, just send me a message and we'll carry on from where you were.";
        return [first, help, Pause];
    }
}
