using TrustBot.Journey;
using TrustBot.State;
using TrustBot.Testing;

namespace TrustBot.Tests.Journey;

/// <summary>
/// Conversations stored before the steps were reshaped (steps 5–8 moved namespace and JSON context, check-ins moved
/// context) carry on where they stopped: stored stacks name dialogs by id and hold only data, so both must still fit.
/// The stacks below were written by the earlier code, word for word (only the turn marker is left out, so the test's
/// own message ids cannot look like a repeat).
/// </summary>
public sealed class StoredStateTests
{
    private const string AtSpaceLength = @"{""dialogs"":{""stack"":[{""id"":""SpaceDialog"",""state"":{},""inner"":{""stack"":[{""id"":""space.length"",""state"":{""options"":{""prompt"":{""type"":""message"",""text"":""How much space do you need right now?""},""retryPrompt"":{""type"":""message"",""text"":""A day, a few days or a week sets a space period of that length; \""I'll say when\"" keeps it open until you end it; \""We don't need space right now\"" sets none. If you're not sure yet, type skip and I'll leave it open.""},""choices"":[{""value"":""day"",""title"":""A day"",""synonyms"":[""day"",""one day"",""1 day"",""a day or so""],""display"":""A day"",""buttonValue"":""day""},{""value"":""few"",""title"":""A few days"",""synonyms"":[""few days"",""a couple of days"",""couple of days"",""3 days"",""three days""],""display"":""A few days"",""buttonValue"":""few""},{""value"":""week"",""title"":""A week"",""synonyms"":[""week"",""one week"",""1 week"",""7 days""],""display"":""A week"",""buttonValue"":""week""},{""value"":""open"",""title"":""I'll say when"",""synonyms"":[""say when"",""open"",""open ended"",""until i say"",""until they say"",""ill say when"",""theyll say when"",""well say when"",""they'll say when"",""we'll say when"",""i'll say when""],""display"":""I'll say when"",""buttonValue"":""open""},{""value"":""none"",""title"":""We don't need space right now"",""synonyms"":[""we dont need space"",""we don't need space"",""we dont need space right now"",""i dont need space"",""i don't need space"",""no space"",""no space needed"",""dont need space"",""don't need space"",""they havent asked"",""they haven't asked"",""none"",""not needed"",""no need""],""display"":""We don't need space right now"",""buttonValue"":""none""}],""style"":""Auto"",""maxRetries"":2},""attempts"":0}},{""id"":""SpaceDialog.steps"",""state"":{""step"":1,""values"":{},""data"":{}}}]}}]}}";

    private const string AtSetbackPlan = @"{""dialogs"":{""stack"":[{""id"":""PatienceDialog"",""state"":{},""inner"":{""stack"":[{""id"":""patience.plan"",""state"":{""options"":{""prompt"":{""type"":""message"",""text"":""Setbacks are a normal part of rebuilding trust. A hard day doesn't erase the ground you've gained, and it's okay to feel shaken by it.\n\nWhen the next setback comes, what will you do to find your way back? Write one or two things that help you; it stays private.""},""retryPrompt"":{""type"":""message"",""text"":""Write a sentence or two (up to 2000 characters).""},""style"":""Auto"",""maxRetries"":3},""attempts"":0}},{""id"":""PatienceDialog.steps"",""state"":{""step"":0,""values"":{},""data"":{""checkInsReviewed"":0,""setbacks"":0}}}]}}]}}";

    private const string AtCheckInTrust = @"{""dialogs"":{""stack"":[{""id"":""CheckInDialog"",""state"":{},""inner"":{""stack"":[{""id"":""checkIn.trust"",""state"":{""options"":{""prompt"":{""type"":""message"",""text"":""Time for a quick check-in. On a scale of 1 to 10, how much do you trust your partner today?""},""retryPrompt"":{""type"":""message"",""text"":""Please answer with a number from 1 to 10 (1 = hardly any trust, 10 = complete trust).""},""style"":""Auto"",""maxRetries"":3,""min"":1,""max"":10,""giveUpMessage"":""Let's leave the check-in here for now. Type \""check in\"" whenever you'd like to try again.""},""attempts"":0}},{""id"":""checkIn"",""state"":{""step"":0,""values"":{},""data"":{""trust"":0}}}]}}]}}";

    [Fact]
    public async Task A_stored_step_5_question_is_answered_after_the_move()
    {
        var h = await LeftMidFlowAsync(AtSpaceLength);
        await h.Flow()
            .Send("a week").AssertReplyContains("Your space period is set, until Monday 9 November")
            .StartTestAsync();
        Assert.Equal(h.Clock.GetUtcNow().AddDays(7), (await h.ProfileAsync())!.SpaceUntil);
    }

    [Fact]
    public async Task A_stored_step_8_question_is_answered_after_the_move()
    {
        var h = await LeftMidFlowAsync(AtSetbackPlan);
        await h.Flow()
            .Send("call my sister and go for a run").AssertReplyContains("Keep that plan close for the harder days")
            .AssertReplyContains("mark step 8 as done")
            .StartTestAsync();
        var plan = Assert.Single(await h.RecordsAsync(RecordKinds.Journal, JourneyJson.Default.JournalEntry));
        Assert.Equal((8, "call my sister and go for a run"), (plan.Step, plan.Text));
    }

    [Fact]
    public async Task A_stored_check_in_question_is_answered_after_the_move()
    {
        var h = await LeftMidFlowAsync(AtCheckInTrust);
        await h.Flow()
            .Send("7").AssertReply("Thank you. How has communication between you been since last time?")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_stored_profile_with_fields_no_longer_kept_still_loads_and_drops_them_on_save()
    {
        var h = new JourneyHarness();
        await h.Onboarded().StartTestAsync();
        var key = UserState.KeyFor(h.Partition);
        var stored = System.Text.Json.Nodes.JsonNode.Parse((await h.Storage.ReadAsync([key], default))[key].Json)!;
        var profile = stored["profile"]!.AsObject();
        profile["lastWinAt"] = "2026-10-30T18:00:00+00:00";
        profile["weeklyCommitmentSetAt"] = "2026-10-31T18:00:00+00:00";
        await h.Storage.WriteAsync([new StorageWrite(key, stored.ToJsonString(), ETags.Any)], default);

        await h.Flow()
            .Send("Check in").AssertReplyContains("how much do you trust your partner today?")
            .Send("7").SkipReplies()
            .StartTestAsync();

        var saved = (await h.Storage.ReadAsync([key], default))[key].Json;
        Assert.DoesNotContain("lastWinAt", saved, StringComparison.Ordinal);
        Assert.DoesNotContain("weeklyCommitmentSetAt", saved, StringComparison.Ordinal);
        Assert.Equal("Sam", (await h.ProfileAsync())!.Name);
    }

    /// <summary>An onboarded person whose conversation row is the stored <paramref name="state"/>, as the earlier code left it.</summary>
    private static async Task<JourneyHarness> LeftMidFlowAsync(string state)
    {
        var h = new JourneyHarness();
        await h.Onboarded().StartTestAsync();
        var row = Assert.Single(await h.Storage.QueryAsync(h.Partition, "conversations/", int.MaxValue, default));
        await h.Storage.WriteAsync([new StorageWrite(row.Key, state, ETags.Any)], default);
        return h;
    }
}
