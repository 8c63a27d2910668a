namespace TrustBot.Safety;

/// <summary>What the lexical gate found in a message.</summary>
/// <param name="Open">The message carries risk vocabulary, first-person distress or a threat: the meaning layer may judge it.</param>
/// <param name="Urgent">It names a means, a plan or a weapon: danger the meaning layer finds here is shown in full at once.</param>
internal readonly record struct GateResult(bool Open, bool Urgent)
{
    /// <summary>Closed: nothing for the meaning layer to judge.</summary>
    public static GateResult Closed => default;
}

/// <summary>
/// A cheap word-level screen in front of the meaning layer, so that ordinary turns ("7", "Better", "skip", "a bit
/// tired") never pay for the model. It opens on risk vocabulary (death, harm, weapons, fear, being trapped, threats,
/// control of money and papers, goodbyes) and on any sentence of five words or more about the person or someone
/// else ("i", "he", "my husband"...): indirect danger ("on sunday when hes out ill do it") has no risk word at all,
/// so the gate is there to save time on short answers, not to decide; precision comes from the classifier.
/// </summary>
internal static class SafetyGate
{
    // Fewer words than this carry too little meaning for the model; only an urgent word still opens the gate.
    private const int MinWords = 4;

    // A sentence this long about a person opens the gate without a risk word.
    private const int SentenceWords = 5;

    private static readonly HashSet<string> s_people = new(StringComparer.Ordinal)
    {
        "i", "me", "my", "myself", "he", "him", "his", "she", "her", "they", "them", "we", "us", "you", "partner", "husband", "wife",
        "boyfriend", "girlfriend", "ex", "fiance", "fiancee", "spouse",
    };

    // Whole words (after normalisation) that open the gate.
    private static readonly HashSet<string> s_words = new(StringComparer.Ordinal)
    {
        // death, dying, ending, goodbyes
        "die", "dies", "died", "dying", "dead", "death", "deadly", "alive", "live", "living", "life", "lives", "end", "ending", "ended",
        "gone", "goodbye", "goodbyes", "bye", "farewell", "forever", "funeral", "grave", "heaven", "will", "letter", "letters", "note", "notes",
        "burden", "disappear", "vanish", "exist", "existing", "sleep", "wake", "waking", "over", "anymore", "longer", "tonight", "tomorrow",
        "pointless", "hopeless", "worthless", "useless", "numb", "empty", "exhausted", "tired", "done", "finished", "stop", "escape",
        "miss", "cope", "coping", "pain", "hurts", "alone", "lonely", "nothing", "nobody", "everyone", "better", "easier", "without",
        "giving", "gave", "give", "away", "sorry", "forgive", "plan", "planned", "planning", "ready", "decided", "last",
        // means
        "pills", "pill", "tablets", "meds", "medication", "medicine", "painkillers", "paracetamol", "sleeping", "bottle", "rope", "noose",
        "bridge", "roof", "ledge", "jump", "jumping", "train", "tracks", "cliff", "blade", "blades", "razor", "cut", "cutting", "cuts",
        "bleed", "bleeding", "blood", "wrist", "wrists", "drown", "hang", "hanging", "gas", "car", "crash", "fumes",
        // violence
        "kill", "kills", "killed", "killing", "murder", "hurt", "hurting", "harm", "hit", "hits", "hitting", "punch", "punched", "slap",
        "slapped", "kick", "kicked", "beat", "beats", "beaten", "choke", "choked", "choking", "push", "pushed", "shove", "shoved", "grab",
        "grabbed", "throw", "threw", "thrown", "smash", "smashed", "broke", "break", "bruise", "bruises", "bruised", "marks", "attack",
        "attacked", "rape", "raped", "forced", "force", "forces", "hospital", "police", "cops", "violent", "violence", "abuse", "abusive",
        "abused", "rage", "temper", "drunk", "fist", "wall", "walls", "neck", "throat", "pinned", "weapon", "weapons", "gun", "guns",
        "rifle", "shotgun", "pistol", "knife", "knives", "bat", "hammer", "axe", "loaded", "shoot", "shot", "stab", "bullet", "bullets",
        "revenge", "pay", "regret", "sorry", "both", "us",
        // fear, being trapped, threats, control
        "afraid", "scared", "scare", "scares", "terrified", "fear", "frightened", "petrified", "nervous", "panic", "shaking", "safe",
        "unsafe", "danger", "dangerous", "trapped", "trap", "locked", "lock", "locks", "door", "doors", "keys", "key", "room", "leave",
        "leaving", "let", "allowed", "allow", "permission", "threat", "threats", "threaten", "threatens", "threatened", "warned", "warns",
        "quiet", "tell", "telling", "told", "anyone", "secret", "kids", "children", "child", "son", "daughter", "baby", "dog", "cat",
        "pet", "pets", "family", "mum", "mom", "sister", "brother", "parents", "custody", "money", "bank", "account", "card", "cards",
        "wages", "salary", "pay", "passport", "documents", "papers", "visa", "phone", "tracks", "tracking", "location", "follows",
        "followed", "watching", "watches", "checks", "control", "controls", "controlling", "isolated", "eggshells", "watch", "sorry",
        "else", "regret", "find", "hide", "hiding", "run", "ran", "help", "emergency", "stuck", "sex", "bite", "bit", "bites", "spat", "spit", "spits",
        "bled", "purple", "black", "eye", "prisoner", "punish", "punishes", "punished", "sea", "river", "tree", "swerve", "date",
        "worked", "exactly", "survive", "point", "reason", "carry", "going", "physical", "loses", "trouble", "delete", "reads",
        "diary", "receipt", "receipts", "paycheck", "allowance", "windows", "window", "nailed", "ground", "glass", "scissors",
    };

    // Word beginnings that open the gate whatever follows ("suicidal", "overdosed", "strangled", "threatening").
    private static readonly string[] s_stems =
    [
        "suicid", "overdos", "selfharm", "kill", "murder", "strangl", "suffocat", "smother", "poison", "threat", "terrif", "frighten",
        "intimidat", "stalk", "hostage", "imprison", "confisc", "unalive", "hopeles", "worthles", "goodby", "scratch", "drag", "squeez",
        "assault", "burn", "stab", "smash", "monitor", "attack", "beat", "punch", "slap", "kick", "chok", "hit", "shov", "grab",
        "pin", "weigh", "antidepress", "sleeping", "wound", "scar", "bleed", "drown", "jump", "drink", "drunk", "track",
    ];

    // Means, plans and weapons: danger around these words is never only "possible".
    private static readonly HashSet<string> s_urgent = new(StringComparer.Ordinal)
    {
        "pills", "tablets", "meds", "medication", "painkillers", "paracetamol", "rope", "noose", "bridge", "roof", "ledge", "cliff",
        "blade", "blades", "razor", "wrist", "wrists", "gun", "guns", "rifle", "shotgun", "pistol", "knife", "knives", "hammer", "axe",
        "loaded", "bullet", "bullets", "weapon", "weapons", "tonight", "goodbye", "goodbyes", "letter", "letters", "funeral", "note",
        "plan", "planned", "planning", "decided", "both", "overdose", "overdosed", "overdosing", "poison", "strangle", "strangled", "choke", "choked",
    };

    /// <summary>Screens text already in <see cref="SafetyText"/> canonical form.</summary>
    public static GateResult Check(string normalizedText)
    {
        if (string.IsNullOrEmpty(normalizedText))
        {
            return GateResult.Closed;
        }

        var span = normalizedText.AsSpan();
        var words = 0;
        var open = false;
        var urgent = false;
        var person = false;
        foreach (var range in span.Split(' '))
        {
            var word = span[range];
            if (word.IsEmpty || word[0] is '.' or ',')
            {
                continue;
            }

            words++;
            person = person || s_peopleLookup.Contains(word);
            if (!open || !urgent)
            {
                var hit = IsRiskWord(word, out var isUrgent);
                open |= hit;
                urgent |= isUrgent;
            }
        }

        if (urgent || (open && words >= MinWords && SafetyPatterns.PlanCue().IsMatch(normalizedText)))
        {
            return new GateResult(true, true);
        }

        return (open && words >= MinWords) || (person && words >= SentenceWords) ? new GateResult(true, false) : GateResult.Closed;
    }

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_wordLookup = s_words.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_peopleLookup = s_people.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_urgentLookup = s_urgent.GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool IsRiskWord(ReadOnlySpan<char> word, out bool urgent)
    {
        urgent = s_urgentLookup.Contains(word);
        if (urgent || s_wordLookup.Contains(word))
        {
            return true;
        }

        foreach (var stem in s_stems)
        {
            if (word.StartsWith(stem, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
