namespace TrustBot.Safety;

/// <summary>What kind of danger a message suggests. Ordered by urgency: when a message suggests more than one,
/// the detector reports the most urgent (self-harm, then violence, then fear).</summary>
public enum SafetyCategory
{
    /// <summary>Nothing in the message suggests danger.</summary>
    None = 0,

    /// <summary>Thoughts, plans or acts of self-harm or suicide (the person's own, or someone close to them).</summary>
    SelfHarm = 1,

    /// <summary>Physical or sexual violence, abuse, threats of harm or weapons — toward the person or by them.</summary>
    Violence = 2,

    /// <summary>Being afraid of the partner or unsafe at home; coercion, control, isolation, monitoring or stalking.</summary>
    FearForSafety = 3,
}
