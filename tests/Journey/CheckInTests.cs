using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using TrustBot.Journey;
using TrustBot.State;
using TrustBot.Testing;

namespace TrustBot.Tests.Journey;

public sealed class CheckInTests
{
    [Fact]
    public async Task First_check_in_asks_five_quick_questions_and_stores_a_dated_record()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I was hurt")
            .Send("check in").AssertReply("Time for a quick check-in. On a scale of 1 to 10, how much do you trust your partner today?")
            .Send("6").AssertReply("Thank you. How has communication between you been since last time?")
            .Send("Better").AssertReply("Is there a small win to celebrate, however small? Type it, or skip.")
            .Send("We laughed together at dinner").AssertReplyContains("anything that felt like a setback")
            .Send("skip").AssertReply(a => a.Text!.Contains("Trust today: 6/10") && a.Text.Contains("starting point")
                && a.Text.Contains("first check-in") && a.Text.Contains("I've added your win to your small wins") && !a.Text.Contains('✨'), "one summary reply")
            .AssertReplyContains("What would you like to do?")
            .AssertNoReply()
            .StartTestAsync();

        var record = Assert.Single(await h.RecordsAsync("checkin", JourneyJson.Default.CheckInRecord));
        Assert.Equal((6, "better", true, false, h.Clock.GetUtcNow()), (record.Trust, record.Communication, record.HadWin, record.HadSetback, record.At));
        Assert.Null(record.BoundariesRespected);
        var win = Assert.Single(await h.RecordsAsync("win", JourneyJson.Default.WinRecord));
        Assert.Equal("We laughed together at dinner", win.Text);
        var profile = (await h.ProfileAsync())!;
        Assert.Equal((1, 1, 6, 1), (profile.CheckInCount, profile.Streak, profile.LastTrust, profile.WinCount));
        Assert.Equal(h.Clock.GetUtcNow(), profile.LastCheckInAt);
    }

    [Fact]
    public async Task Check_in_rating_outside_1_to_10_is_asked_again()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("check in").SkipReplies()
            .Send("11").AssertReply("Please answer with a number from 1 to 10 (1 = hardly any trust, 10 = complete trust).")
            .Send("0").AssertReplyContains("number from 1 to 10")
            .Send("not sure").AssertReplyContains("don't need to be certain").AssertReplyContains("how much do you trust your partner today")
            .Send("seven").AssertReplyContains("How has communication")
            .StartTestAsync();
    }

    [Fact]
    public async Task Unrecognised_communication_answer_is_asked_again()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("check in").SkipReplies()
            .Send("5").SkipReplies()
            .Send("purple").AssertReply(a => a.Text!.StartsWith("\"Better\" if talking has felt easier", StringComparison.Ordinal) && TestFlow.ButtonsOf(a).SequenceEqual(["Better", "About the same", "Worse", "Not sure"]), "the communication retry with its buttons")
            .StartTestAsync();
    }

    [Fact]
    public async Task Trust_question_is_worded_for_the_repairing_partner()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I broke the trust")
            .Send("check in").AssertReplyContains("how much trust do you feel between you and your partner today?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Improvement_is_compared_with_last_time_celebrated_and_extends_the_streak()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .CheckIn("5")
            .Advance(h, TimeSpan.FromDays(1))
            .Send("check in").SkipReplies().Send("7").SkipReplies().Send("About the same").SkipReplies().Send("skip").SkipReplies()
            .Send("no").AssertReply(a => a.Text!.Contains("up from 5 last time") && a.Text.Contains("2 check-ins in a row")
                && a.Text.Contains("progress worth celebrating") && a.Text.Contains("tell your partner"), "an improvement reply")
            .StartTestAsync();
        var profile = (await h.ProfileAsync())!;
        Assert.Equal((2, 2, 7), (profile.CheckInCount, profile.Streak, profile.LastTrust));
    }

    [Fact]
    public async Task Dip_gets_the_setback_message_recalls_a_win_and_stores_the_setback_privately()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .CheckIn("7", win: "She brought me flowers")
            .Advance(h, TimeSpan.FromDays(1))
            .Send("check in").SkipReplies().Send("4").SkipReplies().Send("Worse").SkipReplies().Send("skip").SkipReplies()
            .Send("We argued about the phone again").AssertReply(a => a.Text!.Contains("down from 7 last time")
                && a.Text.Contains("Setbacks are a normal part of rebuilding trust") && a.Text.Contains("She brought me flowers")
                && !a.Text.Contains("argued"), "a dip reply that does not echo the setback")
            .StartTestAsync();

        var checkIns = await h.RecordsAsync("checkin", JourneyJson.Default.CheckInRecord);
        Assert.Equal([true, false], checkIns.Select(c => c.HadSetback));
        var journal = Assert.Single(await h.RecordsAsync("journal", JourneyJson.Default.JournalEntry));
        Assert.Equal(("check-in-setback", "We argued about the phone again"), (journal.Topic, journal.Text));
    }

    [Fact]
    public async Task Missed_schedule_resets_the_streak_and_same_day_check_ins_do_not_inflate_it()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .CheckIn("5")
            .Advance(h, TimeSpan.FromHours(30))
            .CheckIn("6")
            .Advance(h, TimeSpan.FromHours(1))
            .CheckIn("6")
            .StartTestAsync();
        Assert.Equal(2, (await h.ProfileAsync())!.Streak);

        await h.Flow()
            .Advance(h, TimeSpan.FromDays(3))
            .Send("check in").SkipReplies().Send("6").SkipReplies().Send("About the same").SkipReplies().Send("skip").SkipReplies()
            .Send("skip").AssertReplyContains("A fresh streak starts today")
            .StartTestAsync();
        var profile = (await h.ProfileAsync())!;
        Assert.Equal((4, 1), (profile.CheckInCount, profile.Streak));
    }

    [Fact]
    public void Streak_window_follows_the_rhythm()
    {
        var start = new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(4, Encouragement.NextStreak(3, start, start.AddHours(35), CheckInRhythm.Daily, TimeZoneInfo.Utc));
        Assert.Equal(1, Encouragement.NextStreak(3, start, start.AddHours(37), CheckInRhythm.Daily, TimeZoneInfo.Utc));
        Assert.Equal(4, Encouragement.NextStreak(3, start, start.AddDays(4), CheckInRhythm.EveryFewDays, TimeZoneInfo.Utc));
        Assert.Equal(1, Encouragement.NextStreak(3, start, start.AddDays(4.1), CheckInRhythm.EveryFewDays, TimeZoneInfo.Utc));
        Assert.Equal(4, Encouragement.NextStreak(3, start, start.AddDays(9), CheckInRhythm.Weekly, TimeZoneInfo.Utc));
        Assert.Equal(1, Encouragement.NextStreak(3, start, start.AddDays(10), CheckInRhythm.Weekly, TimeZoneInfo.Utc));
        Assert.Equal(4, Encouragement.NextStreak(3, start, start.AddDays(7), CheckInRhythm.None, TimeZoneInfo.Utc));
        Assert.Equal(1, Encouragement.NextStreak(3, start, start.AddDays(8), CheckInRhythm.None, TimeZoneInfo.Utc));
        Assert.Equal(1, Encouragement.NextStreak(0, null, start, CheckInRhythm.Daily, TimeZoneInfo.Utc));
    }

    [Fact]
    public async Task Boundaries_question_appears_only_when_boundaries_are_set_and_its_answer_is_stored()
    {
        var h = new JourneyHarness();
        await h.Onboarded().StartTestAsync();
        await h.UpdateProfileAsync(p => p.BoundaryCount = 2);
        await h.Flow()
            .Send("check in").SkipReplies()
            .Send("6").SkipReplies()
            .Send("Better").AssertReply("Were the boundaries you've set respected since last time?")
            .Send("kind of").AssertReply("\"Yes\" if they were all respected, \"Mostly\" if one slipped a little, \"No\" if one was crossed. Or type skip.")
            .Send("Mostly").AssertReplyContains("small win")
            .Send("skip").SkipReplies()
            .Send("skip").AssertReplyContains("Trust today: 6/10")
            .StartTestAsync();
        Assert.Equal("mostly", Assert.Single(await h.RecordsAsync("checkin", JourneyJson.Default.CheckInRecord)).BoundariesRespected);
    }

    [Fact]
    public async Task Weekly_commitment_is_asked_about_and_cleared_when_kept()
    {
        var h = new JourneyHarness();
        await h.Onboarded().StartTestAsync();
        await h.UpdateProfileAsync(p => p.WeeklyCommitment = "Pause before answering");
        await h.Flow()
            .Advance(h, TimeSpan.FromDays(1))
            .Send("check in").SkipReplies()
            .Send("6").SkipReplies()
            .Send("About the same").AssertReply("In step 6 you chose one thing to do this week: \"Pause before answering\". Did you do it?")
            .Send("Yes").AssertReplyContains("small win")
            .Send("skip").SkipReplies()
            .Send("skip").AssertReplyContains("You kept this week's commitment")
            .StartTestAsync();
        var profile = (await h.ProfileAsync())!;
        Assert.Null(profile.WeeklyCommitment);
        Assert.Equal("yes", Assert.Single(await h.RecordsAsync("checkin", JourneyJson.Default.CheckInRecord)).CommitmentKept);
    }

    [Fact]
    public async Task Weekly_commitment_partly_kept_is_renewed_for_another_week()
    {
        var h = new JourneyHarness();
        await h.Onboarded().StartTestAsync();
        await h.UpdateProfileAsync(p => p.WeeklyCommitment = "Pause before answering");
        await h.Flow()
            .Advance(h, TimeSpan.FromDays(2))
            .Send("check in").SkipReplies().Send("6").SkipReplies().Send("About the same").SkipReplies()
            .Send("Partly").SkipReplies().Send("skip").SkipReplies()
            .Send("skip").AssertReplyContains("keep the same commitment for another week")
            .StartTestAsync();
        var profile = (await h.ProfileAsync())!;
        Assert.Equal("Pause before answering", profile.WeeklyCommitment);
        Assert.Equal("partly", Assert.Single(await h.RecordsAsync("checkin", JourneyJson.Default.CheckInRecord)).CommitmentKept);
    }

    [Fact]
    public async Task During_a_space_period_the_reply_leans_to_self_care_and_suggests_no_talk()
    {
        var h = new JourneyHarness();
        await h.Onboarded().CheckIn("5").StartTestAsync();
        await h.UpdateProfileAsync(p => p.SpaceOpenEnded = true);
        await h.Flow()
            .Advance(h, TimeSpan.FromDays(1))
            .Send("check in").SkipReplies().Send("8").SkipReplies().Send("Better").SkipReplies().Send("skip").SkipReplies()
            .Send("skip").AssertReply(a => a.Text!.Contains("up from 5") && a.Text.Contains("step 6 (Work on yourself)", StringComparison.OrdinalIgnoreCase)
                && !a.Text.Contains("tell your partner"), "a self-care reply")
            .StartTestAsync();
    }

    [Fact]
    public async Task Final_check_in_turn_costs_at_most_one_read_and_one_write()
    {
        var storage = new MemoryStorage();
        var h = new JourneyHarness(storage);
        await h.Onboarded().CheckIn("5").StartTestAsync();
        await h.UpdateProfileAsync(p =>
        {
            p.BoundaryCount = 1;
            p.WeeklyCommitment = "Pause before answering";
        });
        int reads = 0, writes = 0;
        await h.Flow()
            .Advance(h, TimeSpan.FromDays(1))
            .Send("check in").SkipReplies().Send("7").SkipReplies().Send("Better").SkipReplies().Send("Yes").SkipReplies()
            .Send("Partly").SkipReplies().Send("A calm evening").SkipReplies()
            .Do(() =>
            {
                (reads, writes) = (storage.ReadCalls, storage.WriteCalls);
                return Task.CompletedTask;
            })
            .Send("A short argument").AssertReplyContains("up from 5")
            .StartTestAsync();
        Assert.True(storage.ReadCalls - reads <= 1, $"the final turn read {storage.ReadCalls - reads} times");
        Assert.True(storage.WriteCalls - writes <= 1, $"the final turn wrote {storage.WriteCalls - writes} times");
        Assert.Equal(2, (await h.RecordsAsync("checkin", JourneyJson.Default.CheckInRecord)).Count);
        Assert.Single(await h.RecordsAsync("win", JourneyJson.Default.WinRecord));
        Assert.Single(await h.RecordsAsync("journal", JourneyJson.Default.JournalEntry));
    }
}
