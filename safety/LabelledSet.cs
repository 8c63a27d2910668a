namespace TrustBot.Safety.Meaning;

/// <summary>One hand-labelled message.</summary>
/// <param name="Line">Its line in the file.</param>
/// <param name="Expected">What it means.</param>
/// <param name="Kind">The sub-kind, when the file names one (for example <c>means</c>, <c>weapon</c>, <c>joke</c>).</param>
/// <param name="Text">The message as typed.</param>
internal sealed record LabelledMessage(int Line, SafetyCategory Expected, string? Kind, string Text)
{
    /// <summary>Plans, means, weapons and murder-suicide threats: these must get the full safety message at once.</summary>
    public bool MustBeClear => Kind is "means" or "plan" or "weapon" or "murder-suicide";
}

/// <summary>Reads the labelled sets in tests/Safety: <c>label[:kind]&lt;TAB&gt;text</c>, one message a line, # comments.</summary>
internal static class LabelledSet
{
    public static List<LabelledMessage> Read(string path)
    {
        var messages = new List<LabelledMessage>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var tab = line.IndexOf('\t');
            if (tab <= 0) throw new InvalidDataException($"{Path.GetFileName(path)} line {lineNumber} has no tab.");
            var label = line[..tab];
            string? kind = null;
            var colon = label.IndexOf(':');
            if (colon > 0)
            {
                kind = label[(colon + 1)..];
                label = label[..colon];
            }

            var category = label switch
            {
                "none" => SafetyCategory.None,
                "selfharm" => SafetyCategory.SelfHarm,
                "violence" => SafetyCategory.Violence,
                "fear" => SafetyCategory.FearForSafety,
                _ => throw new InvalidDataException($"{Path.GetFileName(path)} line {lineNumber}: unknown label '{label}' (use none, selfharm, violence or fear)."),
            };
            messages.Add(new LabelledMessage(lineNumber, category, kind, line[(tab + 1)..]));
        }

        return messages;
    }

    public static int ClassIndex(SafetyCategory category) => (int)category;
}
