using System.Text.RegularExpressions;

namespace TrustBot.Safety;

/// <summary>
/// The phrase patterns, source-generated. They run against <see cref="SafetyText.Normalize"/> output, so they are
/// written in lower case, with single spaces, expanded contractions ("do not", "i am", "he would") and " . " / " , "
/// as the only punctuation. Every quantifier is bounded or anchored on literal words, so matching stays linear.
/// </summary>
internal static partial class SafetyPatterns
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    // A partner (or anyone) as the subject of the sentence, up to five words before the verb ("he has never",
    // "my husband always", "he punches walls and then"). It is checked by a lookbehind placed after the verb,
    // so that the search is anchored on the verb's letters rather than tried at every position.
    private const string Subject = @"\b(?:he|she|they|partner|husband|wife|boyfriend|girlfriend|bf|gf|fiance|fiancee|ex|spouse|man)(?: [a-z]+){0,5} ";

    private const string PartnerActs =
        @"(?:hit|hits|hitting|punch|punched|punches|punching|slap|slapped|slaps|slapping|kick|kicked|kicks|kicking|beat|beats|beaten|beating|smack|smacked|smacks|shove|shoved|shoves|shoving|choke|choked|chokes|choking|strangle|strangled|strangles|strangling|bit|bites|biting|headbutted|headbutts|pinned|pins|burned|burnt|stabbed|stabs|attacked|attacks|assaulted|assaults|grabbed|grabs|grabbing|pushed|pushes|pushing|dragged|drags|threw|throws|slammed|slams|squeezed|squeezes|twisted|twists|pulled|pulls|shook|shakes|scratched|scratches|spat on|spits on|spit on|ran over|run over|tried to run|tried to strangle|tried to kill|tried to choke|tried to drown|tried to stab|tried to poison)";

    private const string PartnerNoun = @"(?:partner|husband|wife|boyfriend|girlfriend|bf|gf|fiance|fiancee|ex|spouse|man)";
    private const string PartnerObject = @"(?:him|her|them|my " + PartnerNoun + ")";
    private const string Afraid = @"(?:afraid|scared|terrified|frightened|petrified|fearful)";
    private const string Children = @"(?:kids|children|child|son|daughter|baby)";

    // What may follow a phrase like "can't go on" for it to be about life rather than a plan ("go on the trip").
    private const string NotAnOuting = @"(?! (?:the|a|an|to|with the|with our|holiday|vacation|dates?|trips?|our|this trip|and on)\b)";

    // "...like this with him lying", "...in this marriage": the person means the relationship, not their life.
    private const string AboutThePartner = @"(?![^.,]{0,16}\b(?:with (?:him|her|them|my " + PartnerNoun + @")|in this (?:relationship|marriage))\b)";

    // ---------------------------------------------------------------- self-harm

    private const string SelfHarmVerbs =
        @"(?:kill|killing|killed|hurt|hurting|harm|harming|harmed|cut|cutting|burn|burning|burned|starve|starving|hang|hanging|shoot|shooting|drown|drowning|poison|poisoning|end|ending|off|offing|stab|stabbing|top|topping|topped|unalive|unaliving)";

    [GeneratedRegex(
        @"\b" + SelfHarmVerbs + @"(?<!\b(?:(?:told|tells|telling|said|says|saying) (?:me )?|(?:wants|wanted) me )(?:that )?(?:to |i should |i should just |i might as well |i ought to )(?:go )?(?:and )?" + SelfHarmVerbs + @") myself\b"
        + @"(?! (?:at|playing|lifting|running|laughing|trying|working|by accident|accidentally|off|up|out|on the|shaving|cooking|falling)\b| by (?!cutting|burning|starving)[a-z]+ing\b)",
        Options)]
    internal static partial Regex SelfHarmMyself();

    [GeneratedRegex(@"(?<!\bthreat[a-z]* (?:to )?(?:commit )?)\bsuicid(?:e|al|ally)\b", Options)]
    internal static partial Regex SelfHarmSuicide();

    [GeneratedRegex(
        @"\b(?:end|ending|ended|take|taking|took) my (?:own )?life\b(?! (?:savings|back|in my hands))|\bend(?:ing)? (?:it all|everything|my (?:own )?existence)\b",
        Options)]
    internal static partial Regex SelfHarmEndLife();

    [GeneratedRegex(
        @"\b(?:want|wants|wanted|wanting|wish|wished|ready|deserve|praying|pray|hoping|would like) (?:to )?(?:just )?(?:die|be dead)\b(?! (?:of|from|laughing|for)\b)"
        + @"|\bwish(?:ed)? i (?:was|were|would|could) (?:just )?(?:be )?(?:dead|gone|die)\b"
        + @"|\bwish(?:ed)? i (?:was|were|would|had|did|could) (?:not|never) (?:have )?(?:been )?(?:born|alive|here|exist|existed|wake up|woke up|woken up)\b"
        + @"|\b(?:rather|prefer to|prefer)(?<!\b(?:they|he|she|you|we|kids|teenagers|children) (?:would |had )?(?:rather|prefer to|prefer)) (?:just )?(?:be dead|die|not be alive|not exist|not wake up)\b(?! than (?:lose|losing|be without|live without|hurt|hurting|hear|listen|watch|sit|go|do|eat|wear)\b)",
        Options)]
    internal static partial Regex SelfHarmWantToDie();

    // Negations that are themselves the danger ("I don't want to live", "I can't go on", "no reason to live").
    [GeneratedRegex(
        @"\b(?:do not|does not|did not|no longer|never) (?:really |even )?(?:want|wish|feel like) to (?:live|be alive|exist|keep living|stay alive|wake up|be here(?= any more| now|$| \.| ,| but| and)|go on" + NotAnOuting + @"|keep going" + NotAnOuting + @"|carry on" + NotAnOuting + @")\b"
        + @"|\b(?:can not|could not|unable to) (?:(?:just|really|even|possibly) )?(?:go on|keep going|carry on|keep living|live like this|live with this pain|go on living)\b" + NotAnOuting + AboutThePartner
        + @"|\b(?:can not|could not|unable to) (?:(?:just|really|even) )?(?:take it|take this|take the pain|do this|cope|handle it|handle this|handle life|bear it|bear this|live like this) (?:any more|any longer)\b"
        + @"|\b(?:can not|could not) take (?:much|any) more\b|\bcan take no more\b"
        + @"|\b(?:not|never|no longer|unsure)\b[^.,]{0,20}\bwant to (?:live|be alive|exist|be here any more|stay alive|wake up|go on|keep going|carry on)\b"
        + @"|\b(?:keep|go on|carry on) living like this\b|\blive or die\b|\b(?:life|living|my life) (?:has|holds) no (?:meaning|point|purpose|value)\b"
        + @"|\b(?:can not|could not) (?:handle|take|bear|stand) (?:this|the|my) pain\b"
        + @"|\b(?:done|finished|tired|sick) (?:with|of) (?:life|living|being alive|existing)\b"
        + @"|\bno (?:point|reason) (?:in )?(?:going on|carrying on|living|being alive|staying alive)\b"
        + @"|\bnothing (?:left )?(?:for me )?(?:here|to live for|left for me)(?= any more|$| \.| ,)"
        + @"|\bwant (?:it|everything|it all|all of this|my life) (?:all )?to be over\b",
        Options)]
    internal static partial Regex SelfHarmCannotGoOn();

    [GeneratedRegex(
        @"\b(?:no|not a|not any|not one|zero|without a|without any|nothing) (?:(?:real|good|single|more) )?(?:reason|point|purpose) (?:to|in|of|for) (?:live|living|life|go on|going on|being alive|being here|carry on|carrying on|keep going|wake up|waking up|exist|existing|stay alive|staying alive)\b"
        + @"|\bnothing (?:left )?to live for\b|\bno (?:will|desire|wish) to live\b"
        + @"|\bwhat is the (?:point|use|reason) (?:of|in) (?:me )?(?:living|life|going on|being alive|being here|carrying on|waking up|existing|anything any more)\b"
        + @"|\b(?:life|living|my life|existing) (?:is|feels|seems) (?:(?:not|no longer) worth (?:it|living)|pointless|meaningless|worthless|hopeless)\b"
        + @"|\bnot worth living\b"
        + @"|\b(?:not|never|no longer) (?:[a-z]+ )?(?:see|find) (?:the|a|any) (?:point|reason|purpose) (?:in|of|to|for) (?:living|life|live|going on|go on|being alive|being here|carrying on|carry on|keep going|continue|continuing|existing)\b",
        Options)]
    internal static partial Regex SelfHarmNoReason();

    [GeneratedRegex(
        @"\bbetter off (?:dead|without me\b|if i (?:[a-z]+ ){0,2}(?:gone|dead|died|here|around|born|exist|existed|disappeared)\b)"
        + @"|\b(?:happier|better|easier|simpler|lighter|calmer) if i (?:[a-z]+ ){0,2}(?:gone|dead|died|around|born|existed)\b"
        + @"|\b(?:no one|no body) (?:would|will|is going to|going to) (?:even |really )?(?:miss me|(?:care|notice) if i (?:[a-z]+ ){0,2}(?:died|dead|gone|disappeared|here))\b"
        + @"|\b(?:i am|i feel|i feel like|i have become|i will always be) (?:(?:such|just|only|nothing but|like|so much of) )*(?:a )?burden\b(?! (?:of|on the)\b)",
        Options)]
    internal static partial Regex SelfHarmBetterOffWithoutMe();

    [GeneratedRegex(
        @"\boverdos[a-z]*|\bslit (?:my|both) wrists?\b|\bnoose\b"
        + @"|\bjump(?:ing|ed)? (?:off|from) (?:a|the|this|that|my) (?:[a-z]+ )?(?:bridge|roof|building|cliff|balcony|window|tower|car park)\b"
        + @"|\b(?:step|stepping|walk|walking|jump|jumping|throw myself|throwing myself) (?:out )?in front of (?:a|the) (?:[a-z]+ )?(?:train|bus|car|truck|lorry|tram)\b"
        + @"|\b(?:took|take|taking|swallow|swallowed|swallowing) (?:all|too many|a (?:bunch|handful|bottle|load|lot|pack|box)|loads|lots|extra|[0-9]+)(?: of)?(?: my| the)? (?:[a-z]+ )?(?:pills|tablets|meds|medication|medicine|painkillers|paracetamol|acetaminophen|tylenol|ibuprofen|aspirin|antidepressants|insulin)\b"
        + @"|\b(?:how many|enough) (?:[a-z]+ )?(?:pills|tablets|paracetamol|acetaminophen|tylenol|ibuprofen|aspirin|antidepressants|painkillers|sleeping pills) (?:it takes|would it take|does it take|to take|would kill|to die|to overdose)\b"
        + @"|\b(?:stockpil|hoard|sav|collect)[a-z]* (?:up )?(?:my |the )?(?:[a-z]+ )?(?:pills|tablets|meds|medication|painkillers)\b"
        + @"|\b(?:think|thinking|thought|dream|dreaming) (?:about|of) (?:jumping|ending it|ending my life|dying|not being here|not waking up|being dead)\b"
        + @"|\b(?:be|being) around (?:much|for) (?:longer|long)\b|\b(?:will not|not going to) be (?:here|around) (?:much longer|for long|tomorrow|any more)\b"
        + @"|\b(?:wrote|written|writing|made|make|making) (?:my|a) will\b|\bgiv(?:en|ing|e) away (?:all )?my (?:things|stuff|belongings|possessions|cat|dog|pets?)\b|\bsaid my goodbyes\b|\bsay(?:ing)? goodbye to (?:everyone|everybody)\b"
        + @"|\bhope (?:that )?i (?:crash|get hit|do not make it|die)\b|\b(?:fall asleep|sleep|go to sleep) (?:forever|and (?:never|not) wake up)\b"
        + @"|\bi am (?:[a-z]+ ){0,2}(?:a )?waste of (?:space|oxygen|air|a life)\b|\bno way out\b|\bmy (?:own )?funeral\b"
        + @"|\bif i (?:just )?(?:was|were) (?:not|no longer) (?:alive|here|around)\b|\b(?:do|did) (?:something|anything) (?:stupid |bad |drastic )?to myself\b|\bdo something (?:stupid|drastic)\b"
        + @"|\b(?:feel like|thinking about|thinking of|think about) end(?:ing)? it(?= \.| ,|$| tonight| today| now| for good)"
        + @"|\b(?:everyone|everybody|they|the world|my (?:family|kids|children|parents)) (?:would|will) be (?:better|happier) (?:off )?without me\b"
        + @"|(?<!\bleft )\b(?:marks|scars|cuts|wounds) on my (?:arms?|wrists?|legs?|thighs?)\b"
        + @"|\b(?:swerv|crash|driv|drove)[a-z]* (?:my car |the car )?(?:into|off) (?:a|the) (?:[a-z]+ )?(?:tree|wall|bridge|road|cliff|lorry|truck|bus|traffic)\b|\bhow to end it\b" + AboutThePartner
        + @"|\b(?:walk|walking|swim|swimming|jump|jumping) (?:into|out into|in) the (?:sea|ocean|river|lake)\b"
        + @"|\b(?:the|my) (?:pills|tablets|rope|blade) (?:are )?(?:ready|lined up)\b|\b(?:stop|quit) (?:living|existing|breathing)\b|\bif i (?:just )?(?:did not|do not) exist\b"
        + @"|\bdark thoughts\b|\b(?:dying|death|being dead) (?:would|will|might) (?:be )?(?:easier|better|a relief)\b|\bway out (?:except|but|other than) (?:dying|death|suicide)\b"
        + @"|\b(?:ways|how|best way) to (?:kill (?:myself|yourself|oneself)|commit suicide|end (?:my|your) life|die painlessly|overdose)\b"
        + @"|\b(?:a|my) plan to (?:end (?:it|things|my life|everything)|die|kill myself)\b(?! with\b)",
        Options)]
    internal static partial Regex SelfHarmMethodsAndPlans();

    // Plans, means and goodbyes in indirect words: poison or a whole bottle taken, a gun fetched on a pretext, letters
    // left for the family, "before i go for good", "not the marriage, me", a last week chosen.
    [GeneratedRegex(
        @"\b(?:drank|drunk|drink|drinking|swallowed|swallowing|swallow|took|taken|downed) (?:some |a (?:bottle|glass|cup|mouthful) of |the )?(?:bleach|antifreeze|weed killer|weedkiller|rat poison|poison|drain cleaner)\b"
        + @"|\b(?:take|took|taking|swallow|swallowed|swallowing|down|downing|downed) (?:the|a|my) (?:whole|entire) (?:bottle|packet|pack|box|tub|strip)\b"
        + @"|\benough (?:of )?(?:my |the |his |her )?(?:[a-z]+ )?(?:pills|tablets|insulin|meds|medication|paracetamol|painkillers)\b[^.]{0,30}\bto (?:do it|end it|die|not wake up|finish (?:it|me))\b"
        + @"|(?:^|\bi |\. )(?:just |finally |have |went and )?(?:got|borrowed|took|bought|picked up|fetched|collected) (?:my |his |her |a |the |an )?(?:[a-z]+ ){0,2}(?:rifle|shotgun|handgun|pistol|firearm)\b"
        + @"|\b(?:wrote|written|writing|finished|left|leaving)(?: all)? (?:the |some |my )?(?:letters?|notes?) (?:for|to) (?:the|my|each of the|each of my) (?:kids|children|family|parents|son|daughter|wife|husband|mum|mom)\b"
        + @"|\bbefore i (?:go|leave|am gone) for good\b|\bdisappear(?:ing)? for good\b(?! from\b)|\bif (?:anyone|someone|somebody) (?:ever )?finds? (?:this|my|these)\b"
        + @"|\b(?:tell|telling|told) (?:[a-z]+ ){1,3}(?:that )?(?:none of this|it) (?:was|is) (?:never )?(?:her|his|their|your) fault\b"
        + @"|\b(?:tell|let) (?:[a-z]+ ){1,3}(?:know )?(?:that )?i (?:loved|always loved) (?:her|him|them|you|everyone)\b"
        + @"|\bnot (?:out of |leaving |ending |end )?(?:the|this|our|my) (?:relationship|marriage) (?:, |\. )?(?:i mean )?(?:me|myself|(?:out of )?(?:everything|my life|it all))\b"
        + @"|\b(?:go|going|drive|driving|went|drove|throw myself|throwing myself) off (?:a|the|that) (?:[a-z]+ )?(?:bridge|cliff|roof|ledge|building|car park)\b"
        + @"|\b(?:knife|blade|razor|scissors) (?:is )?(?:against|on|to|at|pressed (?:against|to|into)) my (?:arm|arms|wrist|wrists|skin|throat|neck|leg|legs|thigh|thighs)\b"
        + @"|\bno (?:point|reason) (?:to|in|for) me\b(?! (?:being|going|trying|saying|asking|staying in|telling)\b)|\b(?:after|once|when) i am gone\b(?! (?:for|on|to|away|out|till|until|from)\b)"
        + @"|\b(?:will not|not going to|am not going to) be (?:here|around) to (?:say|see|sign|read|tell|explain|hear)\b|\bmy (?:last|final) message (?:to anyone|ever|here|to you all)\b"
        + @"|\bend(?:ing)? (?:things|it)\b[^.]{0,6}(?: \. | , )?not with (?:him|her|them|my [a-z]+)\b[^.]{0,4}(?: \. | , )?with me\b"
        + @"|\b(?:swallow|swallowing|take|taking|down|downing|neck|necking) the (?:lot|whole lot|lot of them)\b"
        + @"|\b(?:staring|stare|looking|look|keep looking) at (?:the|a|my) (?:knife|knives|knife block|blade|blades|razor|rope|pills|tablets)\b[^.]{0,60}\bmy (?:own )?(?:wrists?|arms?|throat|neck)\b"
        + @"|\b(?:burn|burned|burnt|burning|cut|cutting) my (?:arm|arms|wrist|wrists|leg|legs|skin|thigh|thighs|hand|stomach) (?:with|on)\b"
        + @"|\b(?:better|happier|easier) (?:life|lives|off) (?:with no|without a|without their|without any) (?:dad|mum|mom|father|mother|husband|wife)\b"
        + @"|\bi (?:have decided|decided|am decided) (?:that )?i (?:will not|would not|am not going to|shall not) (?:continue|go on|carry on|be here)\b"
        + @"|\b(?:swallowed|took|taken|downed|necked) (?:the )?rest of (?:the|my|his|her) (?:packet|pack|bottle|box|pills|tablets|meds|medication|painkillers)\b"
        + @"|\b(?:not|never|no longer) (?:going to |gonna )?(?:carry|carrying|keep|keeping|go|going) on living\b|\bi am not (?:going to be )?(?:carrying on|sticking around)\b(?! with\b)"
        + @"|\b(?:note|letter|video|message)s? (?:to|for) (?:my|the|each of (?:the|my)) (?:[a-z]+ ){0,2}(?:wife|husband|partner|kids|children|son|daughter|family|mum|mom|parents)\b[^.]{0,80}\b(?:(?:not|never) |none of (?:it|this|that) (?:is|was) )(?:her|his|their|your) fault\b"
        + @"|\brecorded (?:a )?(?:video|message)s? for (?:each of )?(?:the|my) (?:kids|children|family|son|daughter)\b"
        + @"|\bend(?:ing)? things\b[^.]{0,30}\bnot (?:the|this|our|my) (?:relationship|marriage)\b"
        + @"|\bover\b[^.]{0,12}\band so am i\b"
        + @"|\b(?:this is|this will be|it is) my last (?:week|day|night|weekend|birthday|christmas)\b(?! (?:at|of|in|on|before|working|here|with (?:the|this) (?:company|team|job)))"
        // Round 5, by kind: affairs put in order, an apology for what is coming, a birthday not to be seen, a last check-in.
        + @"|\bmy affairs (?:are )?in order\b|\b(?:getting|got|put|putting|have put) my affairs in order\b|\bsorry for what i am (?:about|going) to do\b"
        + @"|\b(?:not|never) (?:planning|going|expecting|intending) to (?:see|reach) (?:[0-9]+|my (?:next )?birthday|another (?:birthday|christmas|year)|(?:the )?new year|next (?:week|year|christmas))\b"
        + @"|\bready to meet my maker\b|\b(?:made|make|making) (?:my )?peace with (?:my decision|dying|death|leaving)\b"
        + @"|\b(?:will not|not going to|am not going to) be (?:around|here) to (?:hurt|bother|burden|worry|disappoint|watch)\b"
        + @"|\b(?:better|happier|easier) (?:off )?with me (?:gone|dead|out of the way)\b"
        + @"|\bmy (?:last|final) check ?in\b(?! (?:before|for|of|at|until|till|this)\b)"
        + @"|\b(?:walked|stepped|ran|walk|step) (?:out )?into (?:the )?(?:traffic|oncoming traffic)\b"
        + @"|\bhow long (?:does it|would it|will it) take to die\b",
        Options)]
    internal static partial Regex SelfHarmIndirect();

    [GeneratedRegex(
        @"\bself harm[a-z]*|\bcutting (?:myself|again)\b|\bcut again\b|\bi (?:have )?(?:just )?relapsed\b|\b(?:cut|cuts|cutting|burn|burning|burns) (?:my|both) (?:arms?|wrists?|legs?|thighs?|skin)\b|\bstarted cutting\b|\b(?:goodbye|suicide) (?:letters?|notes?)\b",
        Options)]
    internal static partial Regex SelfHarmActs();

    [GeneratedRegex(
        @"\b(?:want|wanted|wish|wishing|would like|should|could|might as well|need to) (?:to |i could )?(?:just )?(?:disappear|vanish|not exist|stop existing|cease to exist|not be here|sleep forever|go to sleep and (?:never|not) wake up|fall asleep and (?:never|not) wake up)(?= forever| for good| and never| completely| from (?:this|the) world| off the face|$| \.| ,| and| but)"
        + @"|\b(?:hope|hoping|wish|wishing|pray|praying) (?:that )?i (?:[a-z]+ )?(?:never|do not|will not|would not|did not) wake up\b"
        + @"|\bgiv(?:e|ing|en) up on (?:life|living|being alive)\b"
        + @"|\bwant (?:it all|everything|the pain|this pain|all of it|my life|all this) (?:all )?to (?:stop|end)\b",
        Options)]
    internal static partial Regex SelfHarmDisappear();

    // Someone close at risk ("my wife tried to kill herself") — unless it is a threat used to keep the person
    // from leaving, which is coercion (see FearLeverage).
    [GeneratedRegex(
        @"\b(?:tried|attempted|trying|tries|wants|wanted|going|planning|plans) to (?:kill|hurt|harm|end) (?:himself|herself|themselves|themself|his life|her life|their life)\b(?![^.]{0,40}\bif (?:i|we)\b)"
        + @"|\b(?:cuts|cut|cutting|burns|burning|harms|harming|starves|starving) (?:himself|herself|themselves|themself)\b(?! (?:off|out|shaving|cooking|by accident|accidentally)\b)(?![^.]{0,40}\bif (?:i|we)\b)",
        Options)]
    internal static partial Regex SelfHarmSomeoneClose();

    // ---------------------------------------------------------------- violence

    [GeneratedRegex(
        @"\b" + PartnerActs + "(?<=" + Subject + PartnerActs + ")"
        + @" (?:me|us|the kids|our kids|my kids|the children|our children|my (?:son|daughter|child|baby|dog)|the (?:dog|baby)|my (?:arm|arms|wrist|wrists|neck|throat|face|hair|head|hand|hands|shoulders?))\b"
        + @"(?!(?<=\bhits? me) up\b|(?<=\bbeats? me) at\b| (?:playfully|jokingly|gently|by accident|accidentally)\b)(?! (?:away|out|off|to it|too far|at (?:chess|cards|pool|[a-z]+ing)|into (?:therapy|counselling|counseling|talking|this)|to (?!the (?:ground|floor|wall)\b)[a-z]+|with (?:the|this|that|a|an|some|his|her) (?:news|truth|question|questions|guilt|[a-z]+ion)|emotionally|with (?:guilt|questions|accusations|silence|words)|a coffee|a drink|some food|something|aside)\b)",
        Options)]
    internal static partial Regex ViolenceByPartner();

    // "every argument ends with him hitting me", "i woke up to her choking me": the partner as object of a preposition.
    [GeneratedRegex(
        @"\b(?:with|to|of|after|and) (?:him|her) (?:hitting|punching|slapping|kicking|beating|choking|strangling|shoving|pushing|grabbing|dragging|pinning|biting|stabbing|throttling) (?:me|us|the kids|my)\b",
        Options)]
    internal static partial Regex ViolenceByPartnerObject();

    [GeneratedRegex(
        @"\bi (?:(?:just|then|actually|accidentally|have|had|also|once|even|literally|almost|nearly) ){0,2}(?:hit|punched|slapped|kicked|shoved|pushed|choked|strangled|beat|smacked|grabbed|attacked|bit|stabbed) "
        + @"(?:him|her|them|my (?:partner|husband|wife|boyfriend|girlfriend|bf|gf|fiance|fiancee|spouse|kids?|children|son|daughter))\b"
        + @"(?! (?:up|away|out|off|back|to (?!the (?:ground|floor|wall)\b)[a-z]+|with (?:the|this|that|a|an|some|my) (?:news|truth|question|questions|[a-z]+ion))\b)",
        Options)]
    internal static partial Regex ViolenceByMe();

    // Strangulation in any wording: the most dangerous sign there is, wherever it sits in a long message.
    [GeneratedRegex(
        @"\b(?:grab|grabbed|grabs|grabbing|held|holds|holding|pinned|pins|took|takes|had|has|squeez[a-z]*|lifted|picked) me (?:up )?by (?:the|my) (?:throat|neck)\b"
        + @"|\b(?:hands?|arms?|fingers|belt|cord|rope) (?:tight )?(?:round|around|on|across) my (?:throat|neck)\b"
        + @"|\b(?:choked|choking|chokes|strangled|strangling|strangles|throttled|throttling|throttles) me\b(?! (?:up|with)\b)"
        + @"|\bput (?:me|you|her|him|us) in (?:the )?hospital\b",
        Options)]
    internal static partial Regex ViolenceStrangleAndInjury();

    // "I could kill him" may be a figure of speech: with a joke marker or a trivial cause ("for being late") the
    // detector discounts it and leaves the message to the meaning layer (see PhraseSafetyDetector.IsFigureOfSpeech).
    [GeneratedRegex(
        @"\b(?:want|wanted|going|could|might|will|would|about|tempted|feel like|felt like|(?:afraid|scared|worried|think) i (?:will|would|might|could)) (?:to )?(?:(?:really|just|literally|actually|seriously|go and|end up) )?(?:[a-z]+ and )?"
        + @"(?:kill|killing|murder|murdering|hurt|hurting|harm|harming|punch|punching|hit|hitting|strangle|strangling|stab|stabbing|shoot|shooting|beat|beating|smack|smacking|slap|slapping|choke|choking|attack|attacking) "
        + @"(?:him|her|them|someone|somebody|my (?:partner|husband|wife|boyfriend|girlfriend|bf|gf|fiance|fiancee|ex|spouse|kids|children))\b"
        + @"(?! (?:feelings|emotionally|with (?:my|the|his|her) (?:words|truth|lies|silence))\b)"
        + @"|\b(?:put|putting|will put|going to put|would put) (?:her|him|them|you) in (?:the ground|a box|an early grave)\b",
        Options)]
    internal static partial Regex ViolenceIntent();

    [GeneratedRegex(
        @"\b(?:threat[a-z]*|said|says|told me|tells me|telling me|saying|swore|swears|promised|warned|warns|texted|messaged|yelled|screamed|shouted) (?:me )?(?:that )?"
        + @"(?:to |(?:he|she|they|it) (?:would|will|is going to|was going to|were going to|might|could|is gonna) (?:[a-z]+ )?)"
        + @"(?:kill|hurt|hit|beat|stab|shoot|murder|break|strangle|choke|burn|slit|end|smash|bury|punch|slap|drown|cut) (?:me|my|us|our|the kids|you)\b",
        Options)]
    internal static partial Regex ViolenceThreat();

    [GeneratedRegex(
        @"\b(?:gun|guns|knife|knives|blade|weapon|weapons|rifle|pistol|shotgun|firearm|machete|crossbow|taser)\b[^.]{0,60}?\b(?:point[a-z]*|pull[a-z]*|held|hold[a-z]*|wav[a-z]*|came at|come at|coming at|threat[a-z]*|brandish[a-z]*|at me|to my|on me|kill|shoot|shot|stab[a-z]*|scared|afraid|terrified|use it|use them|hurt|in front of me|while (?:he|she|they) (?:talk|talks|talked|asks|asked|shouts|shouted|yells|yelled|argues|argued))\b"
        + @"|\b(?:takes|took|gets|got|gets out|got out|brings|brought|fetches|fetched) (?:out )?(?:the|a|his|her|their) (?:[a-z]+ )?(?:hammer|axe|bat|crowbar|machete|knife|gun|rifle|shotgun)\b[^.]{0,60}\b(?:every time|whenever|when (?:we|i)|while|in front of me|at me|argue|argument|talk|talks|asks|asked)\b"
        + @"|\b(?:every time|whenever|when) (?:we|i) (?:argue|fight|row|talk about)[^.]{0,40}\b(?:takes|gets|brings|fetches) (?:out )?(?:the|a|his|her|their) (?:[a-z]+ )?(?:hammer|axe|bat|crowbar|machete|knife|gun|rifle|shotgun)\b"
        + @"|\b(?:point[a-z]*|aim(?:s|ed|ing)?|pull[a-z]*|held|hold[a-z]*|wav[a-z]*|came at|come at|threat[a-z]*|brandish[a-z]*|kill|shoot|stab[a-z]*|scared|afraid|terrified)\b[^.]{0,60}?\b(?:gun|guns|knife|knives|blade|weapon|weapons|rifle|pistol|shotgun|firearm|machete|crossbow|taser)\b"
        // Round 5, by kind: a weapon made ready or kept in view, acid, a broken bottle, the whole family taken along.
        + @"|\bsharpen(?:s|ed|ing)? (?:my|his|her|the|a) (?:[a-z]+ )?(?:knife|knives|blade|axe|machete)\b|\b(?:throw|throwing|threw) acid\b|\bacid (?:in|on) (?:my|her|his|your) face\b"
        + @"|\b(?:wav[a-z]*|point[a-z]*|held|swung|swinging) (?:a|the|his|her) (?:broken )?(?:bottle|glass) at me\b|\bbullets in (?:his|her|their|the) (?:jacket|coat|car|bag|drawer|pocket)\b"
        + @"|\btak(?:e|ing) (?:the whole family|us all|all of us|the kids|the children) (?:with (?:him|her|them|me)|to heaven)\b|\b(?:not|nah) (?:going to |gonna |go |a go )?(?:die|dead|go) alone\b"
        + @"|\b(?:came at|come at|coming at|went for|go for|threaten[a-z]*|swung|swinging|swings|waved|waving|brandish[a-z]*) (?:me |us )?(?:with )?(?:a|the|his|her) (?:[a-z]+ )?(?:hammer|axe|hatchet|crowbar|bat|golf club|machete|knife|screwdriver)\b|\beven in death\b"
        + @"|\bthreat[a-z]* to (?:hurt|harm|kill|take) (?:my|our) (?:little |baby |younger |older )?(?:brother|sister|mum|mom|dad|parents|dog|cat|pets?|kids|children|son|daughter)\b"
        // Round 9: an animal hurt or killed by the partner, or named as "next": a warning meant to frighten and silence,
        // and a known sign of danger to the person. An accident or a vet has no partner as the one who did it.
        + @"|\b(?:he|she|they|my " + PartnerNoun + @") (?:[a-z]+ ){0,2}(?:killed|drowned|poisoned|strangled|hanged|hung|stabbed|kicked|stamped on|hurt|injured|beat|battered|broke the (?:neck|leg|legs) of) "
        + @"(?:my|our|the|her|his) (?:[a-z]+ )?(?:dog|cat|puppy|kitten|rabbit|bunny|hamster|bird|budgie|parrot|pet|pets|horse|guinea pig|tortoise)\b"
        + @"|\b(?:the|my|our) (?:dog|cat|puppy|kitten|rabbit|bunny|hamster|bird|pet|pets|horse|guinea pig)s? (?:is|are|will be|would be|could be|might be) next(?=\s*$|\s*[.,!?;]| (?:if|unless|when|after|and|or|he|she|they|you|i)\b)",
        Options)]
    internal static partial Regex ViolenceWeapon();

    [GeneratedRegex(
        @"\brap(?:e|ed|es|ing|ist)\b|\bsexually (?:assault[a-z]*|abus[a-z]*|coerc[a-z]*|attack[a-z]*)|\bmolest[a-z]*"
        + @"|\bforc[a-z]* (?:me )?(?:to have sex|into sex|to sleep with|(?:him|her)self on me|me into (?:sex|sexual)|to do (?:sexual )?(?:things|stuff))"
        + @"|\b(?:made|makes|make|forced|forces|force) me (?:to )?(?:have sex|sleep with (?:him|her)|do sexual)",
        Options)]
    internal static partial Regex ViolenceSexual();

    [GeneratedRegex(
        @"\b(?:abus(?:e|es|ed|ing|ive|er|ers)|domestic violence|domestic abuse|violent|violence|battered)\b"
        + @"(?<!\b(?:substance|drug|alcohol|drugs|self) abuse)"
        + @"(?! (?:of )?(?:my |his |her |our |your |the )?trust\b| (?:drugs|alcohol|substances|the system|his power|her power|power|death)\b)",
        Options)]
    internal static partial Regex ViolenceAbuse();

    [GeneratedRegex(
        @"\bphysically (?:hurt[a-z]*|abus[a-z]*|violent|aggressive|attack[a-z]*|harm[a-z]*|assault[a-z]*|threat[a-z]*|intimidat[a-z]*)"
        + @"|\bhurt[a-z]* (?:me|us|the kids) physically\b|\b(?:got|gets|getting|get|turned|turns) physical\b|\bphysical (?:fight|fights|violence|abuse|altercation)\b"
        + @"|\b(?:laid|lay|lays|laying|put|puts) (?:a )?hands? on (?:me|us|the kids|my [a-z]+)\b"
        + @"|\bhands? (?:around|round|on) my (?:neck|throat)\b"
        + @"|\bbruis(?:e|es|ed|ing)\b(?! (?:ego|pride|heart|feelings)\b)|\bblack eye\b|\bleft (?:marks|a mark|bruises)\b"
        + @"|\bbroke (?:my|his|her) (?:nose|arm|wrist|ribs?|jaw|fingers?|tooth|teeth|leg|collarbone)\b"
        + @"|\bpunch[a-z]* (?:a |the |through the )?(?:wall|door|window|mirror)\b|\bpunch[a-z]* (?:a )?hole in\b"
        + @"|\b(?:threw|throws|throwing|thrown|chucked|hurled) (?:[a-z]+ ){0,3}at (?:me|him|her|my [a-z]+|the wall|my head)\b"
        + @"|\b(?:throws|threw|throwing|smash[a-z]*|breaks|broke) (?:things|stuff|plates|furniture)\b"
        + @"|\bsmash[a-z]* (?:my|the) (?:phone|things|stuff|plates|tv|door|car|laptop)\b"
        + @"|\b(?:call|called|calling|phoned|rang|ring) (?:the )?(?:police|cops|911|999|112)\b"
        + @"|\bhurt me\b[^.]{0,40}\b(?:hospital|a and e|the er|emergency room)\b|\bwith me (?:still )?(?:in it|inside)\b|\b(?:run|ran) me over\b"
        + @"|\b(?:tried|try|trying|attempted) to (?:kill|strangle|choke|drown|poison|stab|shoot|smother|suffocate) me\b",
        Options)]
    internal static partial Regex ViolencePhysical();

    // ---------------------------------------------------------------- fear, coercion, control

    [GeneratedRegex(
        @"\b" + Afraid + " (?:of|by) " + PartnerObject
        + @"(?=$| \.| ,| and| but| when| because| sometimes| now| lately| at times| any more| honestly| so| too| physically| really| if| after| since| right now| tbh| all the time| every| most| these days| again)"
        + @"|\b(?:afraid|scared|terrified|frightened|petrified|worried|fear|fearing) (?:that )?(?:he|she|they|my " + PartnerNoun + @") (?:will|would|might|could|may|is going to|was going to|is gonna) (?:[a-z]+ )?"
        + @"(?:hurt (?:me|us|the kids|my)|hit|kill|harm|beat|snap|explode|lose it|find (?:me|us)|come after|attack|do something|take the kids|stalk|hurt himself|hurt herself|kill himself|kill herself)\b"
        + @"|\b(?:afraid|scared|terrified|frightened|petrified|worried|fear) (?:of )?what (?:he|she|they|my " + PartnerNoun + @") (?:will|would|might|could|is going to|may|is capable of|can)\b"
        + @"|\b(?:fear|afraid|scared|terrified|worried) for my (?:life|safety)\b|\bfear[a-z]* for (?:my|our|the kids) safety\b",
        Options)]
    internal static partial Regex FearOfPartner();

    [GeneratedRegex(
        @"\b(?:afraid|scared|terrified|frightened|petrified|dread|dreading|dreads|fear) (?:of |to )?(?:go|going|come|coming|get|getting|be|being|stay|staying) (?:back )?(?:home|to (?:the|our|my) (?:home|house|flat|apartment|place)|alone with (?:him|her|them)|in the same (?:room|house) (?:as|with) (?:him|her))\b"
        + @"|\b" + Afraid + " (?:to|of) (?:leave|leaving|say no to|saying no to|stand up to|standing up to) " + PartnerObject + @"\b"
        + @"|\bwalk[a-z]* on eggshells (?:around|with|near|because of) (?:him|her|them|my [a-z]+)\b",
        Options)]
    internal static partial Regex FearAtHome();

    private const string NotEmotionalSafety =
        @"(?! (?:sharing|opening|telling|talking|being honest|being vulnerable|to (?:share|open|tell|talk|be (?:honest|vulnerable|myself)|trust|express|say)|with my (?:feelings|secrets|heart)|enough to)\b)";

    // "I don't feel safe" is danger; "I don't feel safe opening up" is about emotional safety and is not.
    [GeneratedRegex(
        @"\b(?:do not|does not|did not|never|no longer|not) (?:really |always |even )?(?:feel|feeling|felt) (?:physically )?safe\b"
        + NotEmotionalSafety
        + @"|\b(?:feel|feeling|felt|i am|am|is|are|was|so)(?<!\b(?:do not|does not|did not|never|no longer|not) (?:once |ever )?(?:feel|feeling|felt)) (?:so |very |really |completely |totally )?unsafe\b" + NotEmotionalSafety
        + @"|\b(?:i am|we are|the kids are|kids are|children are|my kids are) (?:not|never) safe\b"
        + @"|\bnot safe (?:at|in) (?:home|my (?:own )?(?:home|house|flat)|the house|our (?:home|house|flat))\b|\bnot safe (?:with|around|near) (?:him|her|them)\b"
        + @"|\b(?:i am|i feel|we are|i think i am|i might be|i could be|my life is|the kids are) in (?:real |serious )?danger\b",
        Options)]
    internal static partial Regex FearUnsafe();

    [GeneratedRegex(
        @"\b(?:will not|would not|does not|did not|never|refuses to|refused to) (?:ever )?(?:let|lets|allow|allows) me (?:to )?"
        + @"(?:see|go|leave|talk to|speak to|call|text|visit|have (?:my own |any |a )?(?:money|friends|job|phone|car|keys|bank|access)|use (?:the|my) (?:car|phone)|work|get a job|drive|wear|spend|out|eat|sleep|keep|contact|meet)\b"
        + @"(?! (?:his|her|their|it|that|this|the (?:tv|remote|menu|restaurant|movie|film))\b)"
        + @"|\b(?:i am|am|i) (?:not|never) (?:allowed|permitted) to (?:see|go|leave|talk|speak|call|text|visit|have|use|work|drive|wear|spend|eat|sleep|meet|contact)\b"
        + @"|\b(?:have to|need to|must) ask (?:his|her|their) permission\b|\bask (?:him|her|them) (?:for )?permission (?:for|to)\b|\bpermission for everything\b"
        + @"|\b(?:control|controls|controlling|controlled|took|taken|takes|taking|keeps|keeping|kept|hides|hid|hidden|confiscat[a-z]*) (?:all )?(?:of )?(?:my|our|the) (?:money|finances|bank (?:card|cards|account)|cards?|wages|salary|passport|car keys|wallet|documents|id|ids|id card)\b"
        + @"|\bgives? me an? (?:allowance|pocket money)\b|\bgives? me (?:only |just )?(?:[a-z0-9]+ )?(?:quid|pounds|dollars|bucks|euros|rupees|[0-9]+) a (?:week|month|fortnight)\b"
        + @"|\b(?:emptied|drained|cleared out|closed|froze|frozen) (?:our|my|the) (?:joint |bank |savings )?(?:account|accounts|savings)\b"
        + @"|\bchanged (?:all )?(?:the )?passwords? (?:on|to|of|for) (?:our|my|the) (?:joint |bank )?(?:account|accounts|bank|banking|phone|email)\b|\b(?:hand over|give (?:him|her|them)) (?:all )?(?:of )?my (?:paycheck|paycheque|pay|wages|salary|money|earnings|bank card|cards)\b"
        + @"|\bcontrol[a-z]* (?:who|where|what|when|how much) i\b|\bdecides? (?:what|who|where|when|how much) i (?:eat|wear|see|go|spend|talk|do)\b"
        + @"|\bhave to (?:text|send|call|check in with|report to|tell) (?:him|her|them)\b[^.]{0,40}\bevery (?:hour|half hour|[a-z0-9]+ minutes)\b"
        + @"|\bpunish(?:es|ed|ing)? me\b|\bprisoner\b|\btrapped in (?:my |our |the )?(?:own )?(?:home|house|flat|room|bedroom)\b"
        + @"|\b(?:can not|not allowed to) (?:see|go|visit|talk to|leave)\b[^.]{0,25}\bunless (?:he|she|they)\b"
        + @"|\b(?:controlling|possessive|coercive)\b(?<=" + Subject + @"(?:controlling|possessive|coercive))|\bcoercive control\b|\bcoerc(?:ion|es|ed|ing)\b",
        Options)]
    internal static partial Regex FearControl();

    [GeneratedRegex(
        @"\b(?:track[a-z]*|monitor[a-z]*|spy[a-z]* on|spies on|stalk[a-z]*|bugg[a-z]*|hacked|hacks into|hacked into) (?:me|my (?:location|phone|car|every move|movements|messages|texts|emails|calls|accounts?))\b"
        + @"|\b(?:tracker|spyware|stalkerware|tracking app|stalker)\b"
        + @"|\b(?:install|put|hid|hidden)[a-z]* (?:a |hidden |secret )?(?:cameras?|trackers?|microphones?|spyware|an app)\b|\b(?:is|are|keeps|been) watching me\b"
        + @"|\b(?:checks?|checking|tracks?|tracking) (?:my )?(?:location|where i am)\b[^.]{0,40}\b(?:every (?:hour|half hour|[a-z0-9]+ minutes)|angry|furious|mad|if i do not)\b"
        + @"|\bso (?:that )?i can not (?:leave|go anywhere|get out|escape|call anyone|get help)\b"
        + @"|\bwill not stop (?:calling|texting|messaging|following|contacting)\b"
        + @"|\b(?:monitor|track|check|watch|control)[a-z]* (?:everything|every (?:thing|move)|all) (?:i do|i say|i spend|i write|i buy)\b"
        + @"|\bfollow[a-z]* me (?:to work|everywhere|home|around|when|to the|to my)\b"
        + @"|\b(?:show[a-z]*|turn[a-z]*) up (?:at|outside) my (?:work|job|house|home|flat|apartment|office|school|door)\b"
        + @"|\b(?:waits|waiting|waited|sits|sitting) outside my (?:work|job|house|home|flat|apartment|office|school|door)\b"
        + @"|\b(?:reads?|reading|goes through|went through|going through|checks?|checked|checking|looks through) (?:all )?(?:of )?my (?:phone|messages|texts|emails|dms|chats|mail|laptop)\b"
        + @"(?=[^.]{0,80}\b(?:threat[a-z]*|furious|angry|rage|hits?|scream[a-z]*|yell[a-z]*|punish[a-z]*|not let|makes me|forces? me|demands?|constantly|all the time|without (?:asking|permission)|if i do not|or else|scared|afraid|passwords?)\b)"
        + @"|\b(?:makes?|made|forces?|forced|demands?|demanded|making|forcing)\b[^.]{0,30}\b(?:passwords?|passcodes?|pin codes?|my location)\b",
        Options)]
    internal static partial Regex FearMonitoring();

    [GeneratedRegex(
        @"\bisolat[a-z]* me\b|\b(?:cut|cuts|cutting) me off from\b"
        + @"|\bkeeps? me (?:away from|from seeing|from talking to) (?:my )?(?:friends|family|parents|mum|mom|dad|sister|brother|kids|children|everyone)\b"
        + @"|\bturned (?:my )?(?:family|friends|everyone|the kids) against me\b"
        + @"|\b(?:lock|locks|locked|locking) me (?:in|out|inside|up)\b|\b(?:keeps?|kept|keeping) me locked\b",
        Options)]
    internal static partial Regex FearIsolation();

    [GeneratedRegex(
        @"\bthreat(?:en|ens|ened|ening)? (?:me|us)\b(?! with (?:divorce|leaving|a breakup|a lawyer)\b)"
        + @"|\bthreat(?:en|ens|ened|ening)? to (?:take|keep|tell|post|share|send|leak|expose|report|ruin|out|kick me out|throw me out|call|get|burn|destroy|hurt|kill|harm|beat|hit|come after|find)\b"
        + @"|\b(?:he|she|they) (?:said|says|told me) (?:he|she|they) (?:will|would) [^.]{0,40}\bif i (?:ever )?(?:leave|left|go|tell|talk)\b"
        + @"|\bblackmail[a-z]*\b|\b(?:no one|nobody) (?:will|would) (?:ever )?believe (?:me|you)\b|\bthreat[a-z]* to (?:have me|get me) (?:deported|arrested|sectioned|fired|committed)\b"
        + @"|\b(?:regret it|be sorry|pay for it|make me pay|make my life hell) if i (?:ever )?(?:leave|left|go|went|tell|told)\b"
        + @"|\bor (?:he|she|they) will (?:go crazy|lose it|explode|kill me|hurt me|snap|go mad|go ballistic|find out and)\b"
        + @"|\b(?:post|share|send|leak|show)[a-z]* (?:my |our )?(?:private |intimate |naked |nude |sexual )?(?:pictures|photos|pics|videos|nudes)\b(?=[^.]{0,60}\b(?:if|unless|everyone|online|threat[a-z]*|or else)\b)"
        + @"|\b(?:take|taking|took|keep|keeping) (?:the|my|our) " + Children + @"\b(?= away| from me|[^.]{0,60}\b(?:never see|if i (?:leave|go|tell|try)))"
        + @"|\bnever see (?:the|my|our) (?:" + Children + @"|them) again\b"
        + @"|\bif i (?:leave|go|tell)[^.]{0,40}\b(?:take|taking|keep) (?:the|my|our) " + Children + @"\b"
        + @"|\b(?:restraining|protection|protective|non molestation|nonmolestation) order\b",
        Options)]
    internal static partial Regex FearThreats();

    // A partner's threat of suicide used to keep the person from leaving, and a partner urging the person to
    // harm themselves: both are coercion.
    [GeneratedRegex(
        @"\b(?:kill|hurt|harm|end)[a-z]* (?:himself|herself|themselves|themself|his life|her life|their life)\b(?=[^.]{0,40}\bif (?:i|we)\b)"
        + @"|\bthreat[a-z]* (?:to )?(?:suicide|commit suicide|kill (?:himself|herself|themselves)|hurt (?:himself|herself|themselves)|end (?:his|her|their) life)\b"
        + @"|\b(?:(?:told|tells|telling|said|says|saying) (?:me )?|(?:wants|wanted) me )(?:that )?(?:i should (?:just )?|i might as well |i ought to |to (?:go )?(?:and )?)(?:kill (?:myself|yourself)|die|end (?:my|your) life|hurt myself|drop dead|go die)\b",
        Options)]
    internal static partial Regex FearLeverage();

    [GeneratedRegex(
        @"\b(?:he|she|they)(?: is| was)? (?:would|will|is going to|was going to|going to|might|could) (?:literally |actually |probably |definitely |seriously )?(?:kill|murder|hurt|hit|beat|strangle) (?:me|us)\b"
        + @"|\b(?:he|she|they) (?:would|will|is going to|could) (?:find|track|hunt|come after|come for) (?:me|us)\b"
        + @"|\b(?:scares|frightens|terrifies|intimidates|scared|frightened|terrified|intimidated|threatens|threatened)(?<=" + Subject + @"(?:scares|frightens|terrifies|intimidates|scared|frightened|terrified|intimidated|threatens|threatened)) me\b"
        + @"|\b" + Afraid + @"\b[^.]{0,60}\b(?:drunk|drinks|drinking|temper|rage|explod[a-z]*|loses it|lose it|snaps|snap|yell[a-z]*|scream[a-z]*|shout[a-z]*|violent)\b"
        + @"|\b(?:drunk|drinks|temper|rage|angry|furious|explod[a-z]*|loses it|snaps|yells|screams|shouts)(?<!\bi am (?:so |really |very |just |always )?(?:drunk|angry|furious))\b[^.]{0,60}\b(?:scared|afraid|terrified|frightened|scares me|frightens me)\b",
        Options)]
    internal static partial Regex FearIntimidation();

    // Veiled threats and fear for someone else: "watch your back", "you are a dead woman", "nobody leaves him",
    // "it would be a shame if something happened to you", photos of where I am "or there are consequences".
    [GeneratedRegex(
        @"\bwatch your back\b|\b(?:take|taking|bring|bringing) (?:her|him|them|you|the kids) with me when i go\b|\bwe (?:started|began) together (?:, |\. )?we (?:end|finish|go) together\b"
        + @"|\b(?:nobody|no one) leaves (?:this|our|the) (?:family|house|marriage) alive\b|\bsearch(?:es|ed)? (?:history )?(?:is |are |was )?(?:all )?(?:about |for )?carbon monoxide\b|\b(?:you are|she is|he is|i am|you will be) (?:a )?dead (?:woman|man|girl|boy|meat)\b|\bdead (?:woman|man) walking\b"
        + @"|\bnone of us (?:will|would|is going to) (?:see|live to see|survive|make it (?:to|through)|be here) (?:tomorrow|the night|the morning|the weekend)\b"
        + @"|\b(?:nobody|no one) (?:leaves|walks away from|gets away from) (?:him|her|them|me)\b"
        + @"|\b(?:shame|pity) if something (?:bad )?(?:happened|were to happen|was to happen) to (?:you|me|her|him|the kids|us)\b"
        + @"|\bor (?:else )?there (?:are|will be|would be) consequences\b"
        + @"|\b(?:will|would|going to|is going to) make (?:her|him|them|you|me|us) pay\b(?! for (?:the|dinner|it all|half|rent|bills|lunch|drinks)\b)"
        + @"|\b(?:going to|will|would|is coming to|wants to) come after (?:me|us|her|him|my)\b"
        + @"|\bfound out where (?:i|we|she|he|they) (?:live|lives|work|works|are staying|is staying|am|are|am staying|moved)\b"
        + @"|\b" + Afraid + @"\b[^.]{0,60}\b(?:on (?:his|her|their) way (?:over|here|home|round|back)?|coming (?:round|over|here|home|back) tonight)\b"
        + @"|\b(?:on (?:his|her|their) way (?:over|here|home|round|back)|(?:is|are) coming (?:round|over|here|home|back) tonight)\b[^.]{0,60}\b" + Afraid + @"\b"
        + @"|\b(?:too )?" + Afraid + @" to (?:tell|ask) (?:him|her|them|my " + PartnerNoun + @")\b[^.]{0,30}\b(?:leave|leaving|for (?:them|it|my) back|divorce|back)\b"
        + @"|\b(?:has|got|took|taken|hid|hidden) (?:the|my) (?:car )?keys and my phone\b|\b(?:has|got|took|taken|hid|hidden) my phone and (?:the|my) (?:car )?keys\b"
        + @"|\bsen[dt][a-z]* me (?:a )?(?:pictures?|photos?|pics?) of my (?:car|house|home|front door|flat|street|work|kids|children)\b"
        + @"|\b(?:photo|picture|pic|selfie|video)s? of where i am\b"
        + @"|\b(?:afraid|scared|terrified|frightened|worried|fear[a-z]*) for (?:my|our|her|his|their|the) (?:[a-z]+ ){0,2}(?:safety|life|lives)\b"
        + @"|\b(?:afraid|scared|terrified|frightened) for (?:my|the|our) (?:mate|friend|sister|brother|wife|husband|mum|mom|daughter|son)\b[^.]{0,80}\b(?:threat[a-z]*|dead|kill|hurt|come after|scared|afraid)\b"
        + @"|\b(?:app|apps|software|program) on my (?:phone|laptop|computer)\b[^.]{0,20}\b(?:i did not|i never|i did not) (?:install|download|put)\b"
        + @"|\bquot[a-z]* (?:a |my |our )?(?:private )?(?:conversation|messages?|texts?|chats?|emails?)\b[^.]{0,30}\bback to me\b|\bfeel(?:ing)? watched\b"
        + @"|\b(?:afraid|scared|terrified|frightened) to (?:tell|say) (?:him|her|them) no\b"
        + @"|\b(?:have to|need to|must|got to|will) delete (?:this|these|our|the) (?:chat|conversation|messages?|history)\b(?! with (?:my|a) (?:friend|therapist|counsellor))"
        // Round 5, by kind: threats that name no act ("i know where your parents live", "you will see what happens"),
        // sleeping ready to flee, a door barricaded, not knowing what the partner will do.
        + @"|\bi know where (?:you|your [a-z]+) (?:live|lives|work|works|sleep|sleeps)\b|\b(?:you will|you are going to) see what happens\b|\bsee what happens to you\b"
        + @"|\blucky (?:you are|i am|to be) still (?:breathing|alive)\b|\bbetter not sleep\b|\bthe rest of (?:my|your) short life\b|\bbe careful (?:driving|walking) (?:home|to work|alone)\b"
        + @"|\b(?:have|get|got) (?:me|you|him|her) dealt with\b"
        + @"|\bsleep(?:ing|s)? (?:in my clothes|with my shoes on|with (?:my )?shoes by the bed)\b|\bin case i (?:need|have) to (?:leave|run|get out) (?:fast|quickly|in a hurry)\b"
        + @"|\b(?:pushed|put|wedged|propped|dragged) (?:a |the |my )?(?:dresser|chair|wardrobe|chest of drawers|drawers|bed|table|desk) (?:against|under|in front of) (?:my|the) (?:bedroom |bathroom )?door\b"
        + @"|\b(?:do not|never|genuinely do not) know what (?:he|she|they) (?:will|would|might|is going to|are going to) do(?= \.| ,|$| next| to me| if i)",
        Options)]
    internal static partial Regex FearVeiledThreats();

    // Plan-shaped words without a means named: an act with a time or a sequence ("do it when everyone is asleep"), a
    // date set, a way worked out, not coming back, taking someone along, making it look like an accident. The gate marks
    // them urgent, so that medium confidence of the meaning layer gives the full message at once.
    [GeneratedRegex(
        @"\b(?:do it|go through with it|set a date|(?:have|got) a date|(?:worked|figured|planned) (?:it|everything|it all) out|it all worked out"
        + @"|(?:not|never|will not be|am not) (?:coming|going|bringing it) back|take (?:her|him|them|the kids|you) with me|look like an accident"
        + @"|(?:nobody|no one) finds me|(?:everyone|everybody|the house|the kids) (?:is|are) (?:asleep|empty|out|gone|quiet)|(?:on|for) the [0-9]{1,2}(?:st|nd|rd|th)|alarm (?:is )?set for|(?:last|final) (?:time|night|day)"
        + @"|when i go|before i go|arrived today|in my bag|(?:this|next|on) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend))\b",
        Options)]
    internal static partial Regex PlanCue();

    // ---------------------------------------------------------------- contexts that discount a phrase

    // An event the person places in a resolved past ("years ago", "as a teenager", "i am safe now").
    [GeneratedRegex(
        @"\b(?:years ago|a long time ago|long ago|decades ago|as a (?:teen|teenager|student|kid|child|young (?:man|woman))|in my (?:teens|twenties|20s|late teens|early twenties|youth)"
        + @"|when i was (?:young|younger|little|small|a (?:kid|teen|teenager|student|child|little girl|little boy)|at (?:school|uni|university|college)|[0-9]+|in my (?:teens|twenties))|before we (?:met|got together)|(?:long|years) gone|out of (?:my|our) li(?:fe|ves)|no contact|at (?:1[0-9]|[2-9][0-9])(?! (?:pm|am|oclock|o clock|percent))\b"
        + @"|not (?:now|any more|these days)|these days i|i am (?:safe|doing (?:much |a lot |so much )?better|fine|okay|ok|happy|good|well) now|i am [0-9]+ now"
        + @"|that (?:ended|is over|was (?:years|a long time|ages))|(?:grew|growing) up|my (?:last|previous|old|first) (?:partner|husband|wife|boyfriend|girlfriend|relationship)"
        + @"|in the past|back then|got (?:help|better|through it)|(?:recovered|healed) from|(?:have|has) not (?:happened|felt that way|felt like that|had those thoughts) (?:in|for) (?:over |more than )?(?:years|ages|a long time|a decade|[a-z0-9]+ years)"
        + @"|(?:in|since|back in|until|that was|around|during) (?:19[5-9][0-9]|200[0-9]|201[0-9]|202[0-3])|a decade ago|(?:went|sent) to (?:prison|jail)|(?:was|got|been) (?:convicted|jailed|sentenced)|pressed charges"
        + @"|(?:split|split up|separated|divorced|broke up) (?:in|years ago)|(?:all|that is all|it is all) behind (?:me|us)|been safe (?:ever )?since|safe ever since|free of (?:him|her|them)"
        + @"|got out of (?:an?|that|the|my) (?:abusive|violent|bad|toxic)|i am not in that place|handed them in"
        + @"|(?:have|has|had) (?:both )?(?:done|had|been (?:in|to|through)|gone to|completed|finished) (?:a lot of |years of |months of |a year of |lots of )?(?:therapy|counselling|counseling|rehab|a course|the course|a programme|a program|anger management|behaviour change)"
        + @"|(?:in|into) (?:therapy|counselling|counseling|rehab|recovery) (?:since|ever since|for (?:years|[a-z0-9]+ years))|(?:clean|sober) (?:for|since) (?:[a-z0-9]+ )?(?:years|year)|(?:[a-z0-9]+) years (?:sober|clean)"
        + @"|(?:well |long )?past (?:that|all that|it) now|(?:those|the|these) (?:thoughts|feelings|urges) (?:are|have) (?:long )?(?:gone|passed)|(?:well |long |all )?behind us|a different life|another life|a lifetime ago|ages ago"
        + @"|my first (?:marriage|husband|wife)|(?:was|got|been) arrested|(?:which|that|this) was (?:in )?(?:19[5-9][0-9]|200[0-9]|201[0-9]|202[0-3])|but (?:i am |i feel )?safe(?: now)?(?= \.| ,|$)|(?:home|it) feels safe (?:now|again)"
        + @"|back when|i got out|(?:that|the) chapter is closed|i (?:am|have|got) remarried|(?:is|are) in (?:prison|jail)|when (?:we|i) (?:were|was) [0-9]+|i am doing (?:much|a lot|so much) better|used to be (?:scared|afraid|frightened|terrified)"
        + @"|(?:never|not) happened (?:again|since)|that was (?:early on|at the (?:start|beginning)|in the beginning|last (?:year|spring|summer|autumn|fall|winter))"
        + @"|(?:they|those thoughts|the thoughts|the feelings|the urges) passed|i am in a (?:stable|good|better|safe|much better|healthier) place|worked through it"
        + @"|(?:clean|sober) (?:for )?[a-z0-9]+ years|not my current (?:partner|husband|wife|boyfriend|girlfriend)|(?:a )?different relationship)\b",
        Options)]
    internal static partial Regex ResolvedPast();

    // Signs that it is happening now, which keep a past phrase live ("he used to hit me and now he has started again").
    [GeneratedRegex(
        @"\b(?:again(?<!\b(?:never|not) (?:once )?(?:happened|happens|did (?:it|that|anything like that)|done (?:it|that)|hit me|touched me|laid a (?:hand|finger) on me) again)(?<!\b(?:safe|fine|okay|ok|happy|myself|well|normal|close|trust each other|trying|talking|together|laughing|dating|sleeping together) again)|still(?! ,| (?:jump|flinch|get nightmares|have nightmares|have the scars|think about it|remember|here|alive|around|standing|kicking|going strong|in my (?:wallet|purse|bag|phone|drawer)|together|married|working on|trying|angry|sad|upset|processing|healing|learning))|lately|recently|tonight|today|this (?:week|morning|evening)|right now|every (?:day|night)|started|coming back|came back|back again|is back|now (?:he|she|they) (?:is|has|does|will|keeps|wants|says|said|started)(?! (?:remarried|married|happy|fine|better|sober|clean|safe|doing well|in therapy|okay|ok|settled)\b)|now i (?:want|feel|am (?:thinking|scared|afraid))|any day)\b",
        Options)]
    internal static partial Regex PresentDanger();

    // A story from a film, a programme, a book or the news: the person is telling it, not living it.
    [GeneratedRegex(
        @"\b(?:on|in|from|watched|watching|saw|seen|read|reading|heard|listening to|about) (?:a|the|this|that|an|some|my|our) (?:[a-z]+ )?(?:podcast|documentary|doco|tv show|show|series|episode|film|movie|book|novel|article|news|headline|song|play|thread|lecture|essay|true crime|court case|soap|drama|radio|workbook|poem|sermon|lyrics)\b"
        + @"|\b(?:someone|somebody|a (?:woman|man|guy|girl|lady|bloke)) (?:on|in) (?:a|the) (?:forum|group|thread|subreddit|reddit|video|comments?) (?:wrote|said|posted|says)\b"
        + @"|\bthe (?:song|line|lyric|lyrics|workbook|book|leaflet|poem|caption) (?:[a-z]+ ){0,3}(?:says|said|goes|went|reads)\b"
        + @"|\bthe (?:podcast|film|movie|show|book|song|documentary|article|episode) (?:guest|host|character|narrator|author|singer|presenter|guy|woman|man)s?\b"
        + @"|\b(?:my|a) (?:friend|mate|sister|brother|cousin|colleague|neighbour|neighbor|aunt|aunty|auntie|mum|mom) (?:told me|said|says) (?:that )?(?:her|his|their) (?:husband|wife|partner|boyfriend|girlfriend|ex)\b",
        Options)]
    internal static partial Regex MediaFrame();

    // Someone else's words reported: "my friend said if he did that to her she would kill him".
    [GeneratedRegex(
        @"\b(?:my|his|her|our) (?:friend|friends|mate|mates|mum|mom|mother|dad|father|sister|brother|therapist|counsellor|counselor|colleague|boss|nan|gran|grandma|aunt|uncle|cousin|neighbour|neighbor|bestie|best friend)\b[^.]{0,20}\b(?:said|says|joked|jokes|told me|reckons|reckoned|texted|keeps saying|kept saying|always says)\b",
        Options)]
    internal static partial Regex Hearsay();

    // Someone asked and the person said no: "the doctor asked if i ever think of harming myself and i said no".
    [GeneratedRegex(
        @"\basked (?:me )?(?:if|whether|about)\b[^.]{0,120}\b(?:i said|i told (?:her|him|them)|i answered|and said) (?:no|never|not)\b",
        Options)]
    internal static partial Regex ReportedDenial();

    // The person says plainly that they are not in danger ("i am not scared to go home", "not suicidal", "nothing
    // violent has happened", "i do not want to die , i want things back"): with no phrase rule matched, the meaning
    // layer may ask gently but not show the full message.
    [GeneratedRegex(
        @"\b(?:i am|i feel) not (?:scared|afraid|frightened) (?:of (?:him|her|them)|to go home|for my safety|to be at home)\b|\bnot (?:because|that) i am (?:scared|afraid|frightened) of (?:him|her|them)\b"
        + @"|\bnot suicidal\b|\bnot (?:thinking of|thinking about|going to) (?:hurting|hurt|harming|harm) myself\b|\bi do not want to die (?:, )?i (?:just )?want\b"
        + @"|\bnothing (?:violent|physical|like that|sinister|dangerous) (?:has )?(?:happened|going on|ever happened)\b|\bnothing sinister\b"
        + @"|\b(?:never|not) (?:once |ever )?(?:felt|feel|been) (?:unsafe|scared|afraid|frightened|in danger)\b|\b(?:nobody|no one) (?:is|has been|was) (?:hurting|threatening|controlling|harming|hitting) me\b"
        + @"|\b(?:do not|never) (?:have|had) (?:any )?(?:thoughts|urges|plans) (?:of|about) (?:harming|hurting|killing|ending)\b|\bnever (?:once )?(?:thought|considered) (?:about |of )?(?:ending my life|killing myself|suicide|hurting myself|harming myself)\b"
        + @"|\bhas never (?:once )?(?:hit|hurt|threatened|touched|harmed) (?:me|us|the kids)\b|\bno intention of (?:hurting|harming)\b|\bnot (?:afraid|scared|frightened) to go home\b"
        + @"|\b(?:thoughts|thought) of (?:hurting|harming|killing|ending)[^.]{0,20}\b(?:have not|has not|never) (?:crossed|entered|been on) my mind\b|\bthere (?:are|is) no (?:weapons?|guns?) in (?:our|the|my) (?:house|home|flat)\b"
        + @"|\b(?:he|she|they) never (?:took|takes|locked|locks|hit|hits|hurt|hurts|threatened|threatens)\b[^.]{0,30}\bor (?:anything|any of that)\b|\bi am not(?: ,)?(?: i am)? just (?:hurt|sad|angry|upset)\b"
        + @"|\bticked none of\b|\bnone of (?:the|those) (?:boxes|signs|red flags)\b|\bi am not in (?:danger|that place)\b|\bhe (?:has )?never (?:once )?laid a (?:hand|finger) on me\b",
        Options)]
    internal static partial Regex Reassurance();

    // The person marks the message as a joke or a figure of speech ("lol", "she was joking").
    [GeneratedRegex(
        @"\b(?:lol|lmao|lmfao|lmaoo+|rofl|haha[ha]*|hehe[he]*|jk|just kidding|only kidding|(?<!\b(?:not|no|was not|is not|am not|never) )(?:kidding|joking|jokingly|as a joke|a joke)|figure of speech|not literally|obviously not serious|still alive|all talk)\b"
        + @"|\b(?:we are|everyone is|the (?:dog|cat|kids) (?:is|are)) (?:all |both )?(?:fine|good|grand|okay|ok|still alive)\b|\bcrisis averted\b|\b(?:we|i) (?:both )?(?:cracked up|laughed|were laughing|burst out laughing)\b"
        + @"|\b(?:said|says|joked|told me|wrote)\b[^.]{0,30}\bif (?:he|she|they) (?:ever )?(?:[a-z]+ ){1,3}(?:on |to )?you\b[^.]{0,40}\b(?:but (?:he|she|they) (?:never|has not|have not)|protective|just looking out)\b",
        Options)]
    internal static partial Regex Jest();

    // The person doubts the joke or insists it was meant: "then said he was joking . i do not think he was",
    // "everyone thinks he is joking", "i meant it".
    [GeneratedRegex(
        @"\b(?:do not|did not|can not) (?:think|believe) (?:he|she|they|it) (?:was|were|is|are|meant)\b|\b(?:everyone|everybody|they|people) (?:thinks?|think) (?:he|she|they|i) (?:is|are|was|were|am) (?:joking|kidding)\b"
        + @"|\b(?:i|he|she|they) (?:meant|means|mean) (?:it|every word)\b|\bnot a joke\b|\b(?:was|is|am|are) not (?:joking|kidding)\b",
        Options)]
    internal static partial Regex JokeDoubted();

    // A negated list: "he does not check my phone or control the money or anything like that". The negation at the
    // start governs every item up to "or anything".
    [GeneratedRegex(@"\b(?:not|never|no|nobody|no one)\b[^.]{0,100}\bor (?:anything|any of that|anything like that|anything of the sort)\b", Options)]
    internal static partial Regex NegatedList();

    // A threat whose cause is trivial is a figure of speech: "my mum will kill me if i am late", "i could kill him for
    // eating the last slice". Causes that are real danger (leaving, telling, talking to someone) are not in the list.
    [GeneratedRegex(
        @"^(?: [a-z]+){0,4} (?:for|if|when|because|after)\b[^.]{0,50}\b(?:late|buy|buying|bought|spend|spending|spent|eat|eating|ate|forget|forgetting|forgot|break|breaking|broke|lose|losing|lost|miss|missing|missed|wear|wearing|dye|dyed|haircut|fail|failing|failed|crash|crashed|scratch|scratched|dent|dented|socks|dishes|washing|laundry|mess|messy|chores|plant|plants|slice|pizza|cake|chocolate|biscuits|game|games|console|match|football|snoring|snores|spoiler|spoilers|shopping|shoes|tattoo|grades|exam|exams|homework|report card|parking|traffic|tidy|clean|cleaned|bins|remote|wifi|sofa|carpet|paint|bill|bills|credit card|how much|last one|another one|scratch on|wedding|anniversary|birthday|tv|book|booking|booked|golf|spoil|spoiling|episode|finale)\b"
        + @"|^(?: [a-z]+){0,2} at (?:[a-z]+ )?(?:kart|cards|scrabble|monopoly|chess|golf|tennis|fifa|game|games|pool|darts|uno|quiz|trivia|bowling|squash|pickleball|badminton)\b",
        Options)]
    internal static partial Regex TrivialCause();

    // Causes that keep a threat real whatever else follows ("he will kill me if i leave, or if i spend his money").
    [GeneratedRegex(
        @"\b(?:leave|leaving|left(?! (?:the|my|his|her|a|an|it|them|this|that|dishes|lights|out|on|up)\b)|tell|telling|told|talk|talking|police|cops|report|divorce|go to|get help|escape(?! room)|run away|kids|children|find out where|found out where)\b(?<!\bleav(?:e|ing)(?= (?:the|my|his|her|a|an|it|them|this|that|dishes|lights|out|on|up)\b))",
        Options)]
    internal static partial Regex RealCause();

    // ---------------------------------------------------------------- negation

    // A negation that governs the phrase right after it: the cue, then only auxiliaries and softeners up to the
    // phrase ("I'm not going to", "I would never", "he has never", "no intention of").
    [GeneratedRegex(
        @"(?:^| )(?<cue>no(?= ?$)|not|never|no longer|no way|nor|no one|nobody|nothing|no intention of|no intentions of|no plans? to|no plans? of|no desire to|no thoughts? of|no thoughts? about|no urge to)"
        + @"(?<fill>(?: (?:ever|even|once|really|actually|seriously|honestly|truly|at all|going to|about to|planning to|planning on|plan to|plan on|intending to|intend to|want to|wanted to|wanting to|try to|tried to|thinking about|thinking of|think about|think of|thought about|considering|consider|have|has|had|been|be|being|would|will|could|should|do|did|does|to|i|he|she|they|we|you|physically|literally|again|am|is|was|are|were|a|ever again|anything like|any|thoughts of|thoughts about|plans to|urge to|felt|feel|having)){0,6}) ?$",
        Options)]
    internal static partial Regex NegationBefore();
}
