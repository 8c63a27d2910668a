namespace TrustBot.Turns;

/// <summary>Set by the host on each turn: whether the turn's service URL came with a verified token.</summary>
public sealed record ServiceUrlVerification(bool Verified);
