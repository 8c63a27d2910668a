using TrustBot.Journey;
using Xunit;

namespace TrustBot.Tests.Proactive;

public sealed class ReminderScheduleTests
{
    private static readonly ReminderRules Rules = ReminderRules.Default;

    private static JourneyProfile Person(string zone = "Europe/London", CheckInRhythm rhythm = CheckInRhythm.Daily, int hour = 19) => new()
    {
        Consented = true,
        ConsentedAt = Utc(2026, 11, 1, 12),
        OnboardingDone = true,
        Name = "Sam",
        Role = PartnerRole.Hurt,
        Rhythm = rhythm,
        ReminderTime = new TimeOnly(hour, 0),
        TimeZone = zone,
        LastSeenAt = Utc(2026, 11, 2, 9),
    };

    private static DateTimeOffset Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    [Fact]
    public void A_turn_that_moves_the_next_message_later_leaves_the_index_row_for_the_sender_to_reschedule()
    {
        var profile = Person();
        var first = DueIndex.Reschedule(profile, "test/users/sam", Utc(2026, 11, 2, 10), Rules);
        Assert.Single(first);
        var scheduled = profile.ScheduledDueKey;

        // Checking in at 18:00 moves today's 19:00 reminder to tomorrow: no index write in that turn.
        profile.LastCheckInAt = Utc(2026, 11, 2, 18);
        Assert.Empty(DueIndex.Reschedule(profile, "test/users/sam", Utc(2026, 11, 2, 18), Rules, deferLater: true));
        Assert.Equal(scheduled, profile.ScheduledDueKey);
        Assert.False(ReminderSchedule.IsStillDue(profile, ProactiveKind.CheckInReminder, Utc(2026, 11, 2, 19), Utc(2026, 11, 2, 19), Rules));

        // Without deferring (the sender's own rescheduling) the row moves.
        Assert.Equal(2, DueIndex.Reschedule(profile, "test/users/sam", Utc(2026, 11, 2, 18), Rules).Count);
    }

    [Fact]
    public void A_turn_after_a_missed_reminder_moves_the_stale_index_row_even_though_the_next_message_is_later()
    {
        var profile = Person();
        DueIndex.Reschedule(profile, "test/users/sam", Utc(2026, 11, 2, 10), Rules);
        var missed = profile.ScheduledDueKey;

        // No sender ran at 19:00; the person writes the next morning.
        var writes = DueIndex.Reschedule(profile, "test/users/sam", Utc(2026, 11, 3, 9), Rules, deferLater: true);
        Assert.Equal(2, writes.Count);
        Assert.NotEqual(missed, profile.ScheduledDueKey);
    }

    [Fact]
    public void A_turn_that_brings_the_next_message_earlier_moves_the_index_row_at_once()
    {
        var profile = Person(hour: 20);
        DueIndex.Reschedule(profile, "test/users/sam", Utc(2026, 11, 2, 10), Rules);
        profile.ReminderTime = new TimeOnly(12, 0);
        Assert.Equal(2, DueIndex.Reschedule(profile, "test/users/sam", Utc(2026, 11, 2, 10), Rules, deferLater: true).Count);
    }

    [Fact]
    public void Daily_reminder_is_due_at_the_chosen_local_time()
    {
        var next = ReminderSchedule.Next(Person(), Utc(2026, 11, 2, 10), Rules);
        Assert.Equal(new DueMessage(ProactiveKind.CheckInReminder, Utc(2026, 11, 2, 19)), next);
    }

    [Fact]
    public void Reminder_follows_the_persons_time_zone()
    {
        var next = ReminderSchedule.Next(Person("America/New_York"), Utc(2026, 11, 2, 10), Rules);
        Assert.Equal(Utc(2026, 11, 3, 0), next!.DueAt); // 19:00 EST = 00:00 UTC
    }

    [Fact]
    public void Reminder_chosen_in_quiet_hours_moves_to_their_end()
    {
        var next = ReminderSchedule.Next(Person(hour: 23), Utc(2026, 11, 2, 10), Rules);
        Assert.Equal(Utc(2026, 11, 3, 8), next!.DueAt);
    }

    [Fact]
    public void Configured_quiet_hours_are_honoured()
    {
        var evenings = new ReminderRules(QuietHours.Parse("18:00-09:30"));
        var next = ReminderSchedule.Next(Person(), Utc(2026, 11, 2, 10), evenings);
        Assert.Equal(Utc(2026, 11, 3, 9, 30), next!.DueAt);
    }

    [Fact]
    public void Reminder_keeps_its_local_time_across_the_spring_clock_change()
    {
        // Berlin moves to summer time on Sunday 29 March 2026: 19:00 is 18:00 UTC on Saturday and 17:00 UTC on Sunday.
        var saturday = ReminderSchedule.Next(Person("Europe/Berlin"), Utc(2026, 3, 28, 12), Rules);
        var sunday = ReminderSchedule.Next(Person("Europe/Berlin"), Utc(2026, 3, 28, 18, 30), Rules);
        Assert.Equal(Utc(2026, 3, 28, 18), saturday!.DueAt);
        Assert.Equal(Utc(2026, 3, 29, 17), sunday!.DueAt);
    }

    [Fact]
    public void Reminder_keeps_its_local_time_across_the_autumn_clock_change()
    {
        var sunday = ReminderSchedule.Next(Person("Europe/Berlin"), Utc(2026, 10, 24, 18), Rules);
        Assert.Equal(Utc(2026, 10, 25, 18), sunday!.DueAt);
    }

    [Fact]
    public void A_local_time_skipped_by_the_clock_change_is_sent_when_the_clocks_jump()
    {
        var at = ReminderSchedule.AtLocal(new DateOnly(2026, 3, 29), new TimeOnly(2, 30), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        Assert.Equal(Utc(2026, 3, 29, 1), at); // 03:00 CEST
    }

    [Fact]
    public void Nothing_is_due_while_stopped_or_blocked_by_the_channel()
    {
        var stopped = Person();
        stopped.ProactiveStopped = true;
        var blocked = Person();
        blocked.ChannelBlocked = true;
        Assert.Null(ReminderSchedule.Next(stopped, Utc(2026, 11, 2, 10), Rules));
        Assert.Null(ReminderSchedule.Next(blocked, Utc(2026, 11, 2, 10), Rules));
    }

    [Fact]
    public void Nothing_is_due_before_onboarding_is_done()
    {
        var person = Person();
        person.OnboardingDone = false;
        Assert.Null(ReminderSchedule.Next(person, Utc(2026, 11, 2, 10), Rules));
    }

    [Fact]
    public void Paused_reminders_resume_after_the_pause()
    {
        var person = Person();
        person.RemindersPausedUntil = Utc(2026, 11, 3, 10);
        Assert.Equal(Utc(2026, 11, 3, 19), ReminderSchedule.Next(person, Utc(2026, 11, 2, 10), Rules)!.DueAt);
    }

    [Fact]
    public void Paused_until_I_say_means_nothing_is_due()
    {
        var person = Person();
        person.RemindersPausedUntil = DateTimeOffset.MaxValue;
        Assert.Null(ReminderSchedule.Next(person, Utc(2026, 11, 2, 10), Rules));
    }

    [Fact]
    public void At_most_one_unprompted_message_a_local_day()
    {
        var person = Person();
        person.LastProactiveAt = Utc(2026, 11, 2, 9);
        Assert.Equal(Utc(2026, 11, 3, 19), ReminderSchedule.Next(person, Utc(2026, 11, 2, 10), Rules)!.DueAt);
    }

    [Fact]
    public void A_check_in_today_moves_the_daily_reminder_to_tomorrow()
    {
        var person = Person();
        person.LastCheckInAt = Utc(2026, 11, 2, 8, 30);
        Assert.Equal(Utc(2026, 11, 3, 19), ReminderSchedule.Next(person, Utc(2026, 11, 2, 10), Rules)!.DueAt);
    }

    [Fact]
    public void Every_few_days_means_three_days_after_the_last_check_in()
    {
        var person = Person(rhythm: CheckInRhythm.EveryFewDays);
        person.LastCheckInAt = Utc(2026, 11, 2, 8);
        person.LastSeenAt = Utc(2026, 11, 3, 8);
        Assert.Equal(new DueMessage(ProactiveKind.CheckInReminder, Utc(2026, 11, 5, 19)), ReminderSchedule.Next(person, Utc(2026, 11, 3, 10), Rules));
    }

    [Fact]
    public void No_reminders_rhythm_schedules_no_check_in_reminder()
    {
        Assert.Null(ReminderSchedule.Next(Person(rhythm: CheckInRhythm.None), Utc(2026, 11, 2, 10), Rules));
    }

    [Fact]
    public void Talk_reminder_comes_an_hour_before_the_planned_talk_and_wins_the_day()
    {
        var person = Person();
        person.PlannedTalkAt = Utc(2026, 11, 2, 20, 30);
        Assert.Equal(new DueMessage(ProactiveKind.TalkReminder, Utc(2026, 11, 2, 19, 30)), ReminderSchedule.Next(person, Utc(2026, 11, 2, 10), Rules));
    }

    [Fact]
    public void Talk_reminder_is_not_sent_twice_for_the_same_talk()
    {
        var person = Person();
        person.PlannedTalkAt = Utc(2026, 11, 2, 20, 30);
        person.TalkRemindedFor = person.PlannedTalkAt;
        Assert.Equal(ProactiveKind.CheckInReminder, ReminderSchedule.Next(person, Utc(2026, 11, 2, 10), Rules)!.Kind);
    }

    [Fact]
    public void During_a_space_period_no_talk_reminder_is_scheduled()
    {
        var person = Person();
        person.PlannedTalkAt = Utc(2026, 11, 2, 20, 30);
        person.SpaceOpenEnded = true;
        Assert.Equal(ProactiveKind.CheckInReminder, ReminderSchedule.Next(person, Utc(2026, 11, 2, 10), Rules)!.Kind);
    }

    [Fact]
    public void A_talk_in_quiet_hours_gets_no_reminder_after_it()
    {
        var person = Person(rhythm: CheckInRhythm.None);
        person.PlannedTalkAt = Utc(2026, 11, 2, 23, 30);
        Assert.Null(ReminderSchedule.Next(person, Utc(2026, 11, 2, 10), Rules));
    }

    [Fact]
    public void Nudge_comes_after_three_quiet_days_before_a_weekly_reminder()
    {
        var person = Person(rhythm: CheckInRhythm.Weekly);
        person.LastCheckInAt = Utc(2026, 11, 2, 9);
        Assert.Equal(new DueMessage(ProactiveKind.Nudge, Utc(2026, 11, 5, 19)), ReminderSchedule.Next(person, Utc(2026, 11, 2, 10), Rules));
    }

    [Fact]
    public void Only_one_nudge_per_quiet_spell()
    {
        var person = Person(rhythm: CheckInRhythm.Weekly);
        person.LastCheckInAt = Utc(2026, 11, 2, 9);
        person.LastNudgeAt = Utc(2026, 11, 5, 19);
        person.LastProactiveAt = Utc(2026, 11, 5, 19);
        Assert.Equal(new DueMessage(ProactiveKind.CheckInReminder, Utc(2026, 11, 9, 19)), ReminderSchedule.Next(person, Utc(2026, 11, 5, 19, 1), Rules));
    }

    [Fact]
    public void A_step_done_is_celebrated_instead_of_that_days_reminder()
    {
        var person = Person();
        person.MarkStepDone(1);
        Assert.Equal(new DueMessage(ProactiveKind.Milestone, Utc(2026, 11, 2, 19), MilestoneKind.StepDone), ReminderSchedule.Next(person, Utc(2026, 11, 2, 10), Rules));
        person.CelebratedSteps = 1;
        Assert.Equal(ProactiveKind.CheckInReminder, ReminderSchedule.Next(person, Utc(2026, 11, 2, 10), Rules)!.Kind);
    }

    [Fact]
    public void A_streak_of_check_ins_is_celebrated_once()
    {
        var person = Person();
        person.Streak = 7;
        Assert.Equal(MilestoneKind.Streak, ReminderSchedule.Next(person, Utc(2026, 11, 2, 10), Rules)!.Milestone);
        Assert.Equal(7, ReminderSchedule.StreakToCelebrate(person));
        person.CelebratedStreak = 7;
        Assert.Equal(MilestoneKind.None, ReminderSchedule.Next(person, Utc(2026, 11, 2, 10), Rules)!.Milestone);
    }

    [Fact]
    public void A_win_is_remembered_some_weeks_later()
    {
        var person = Person(rhythm: CheckInRhythm.None);
        person.WinCount = 1;
        var next = ReminderSchedule.Next(person, Utc(2026, 11, 2, 10), Rules);
        Assert.Equal(new DueMessage(ProactiveKind.Milestone, Utc(2026, 11, 29, 19), MilestoneKind.WinRemembered), next);
    }

    [Fact]
    public void A_due_message_is_still_due_only_while_the_profile_agrees()
    {
        var person = Person();
        var due = ReminderSchedule.Next(person, Utc(2026, 11, 2, 10), Rules)!;
        Assert.True(ReminderSchedule.IsStillDue(person, due.Kind, due.DueAt, Utc(2026, 11, 2, 19, 0), Rules));
        Assert.False(ReminderSchedule.IsStillDue(person, due.Kind, due.DueAt, Utc(2026, 11, 2, 18, 59), Rules));
        person.Rhythm = CheckInRhythm.Weekly;
        person.LastCheckInAt = Utc(2026, 11, 1, 9);
        Assert.False(ReminderSchedule.IsStillDue(person, due.Kind, due.DueAt, Utc(2026, 11, 2, 19, 0), Rules));
    }

    [Fact]
    public void A_late_message_is_not_sent_in_quiet_hours()
    {
        var person = Person(hour: 21);
        var due = ReminderSchedule.Next(person, Utc(2026, 11, 2, 10), Rules)!;
        Assert.Equal(Utc(2026, 11, 2, 21), due.DueAt);
        Assert.False(ReminderSchedule.IsStillDue(person, due.Kind, due.DueAt, Utc(2026, 11, 2, 22, 5), Rules));
    }

    [Fact]
    public void Check_in_reminder_offers_check_in_and_not_today()
    {
        var activity = ProactiveMessages.Create(JourneySteps.Standard, Person(), new DueMessage(ProactiveKind.CheckInReminder, Utc(2026, 11, 2, 19)), Utc(2026, 11, 2, 19));
        Assert.Equal(["Check in", "Not today"], activity.SuggestedActions!.Actions.Select(a => a.Title));
        Assert.Equal(GlobalCommand.CheckIn, GlobalCommands.Recognize(activity.SuggestedActions.Actions[0].Value!.GetValue<string>()));
    }

    [Fact]
    public void Nudge_names_the_current_step_and_turns_to_self_care_during_space()
    {
        var person = Person();
        person.MarkStepDone(1);
        var nudge = new DueMessage(ProactiveKind.Nudge, Utc(2026, 11, 5, 19));
        Assert.Contains("Open communication", ProactiveMessages.Create(JourneySteps.Standard, person, nudge, Utc(2026, 11, 5, 19)).Text);
        person.SpaceUntil = Utc(2026, 11, 10, 0);
        var selfCare = ProactiveMessages.Create(JourneySteps.Standard, person, nudge, Utc(2026, 11, 5, 19)).Text!;
        Assert.Contains("yourself", selfCare);
        Assert.DoesNotContain("talk", selfCare, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("partner", selfCare, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Due_index_row_is_the_person_as_written_and_the_partition_is_the_due_minute()
    {
        // The storage escapes what its keys forbid (TableKeys), so the row stays readable as the person's key.
        Assert.Equal("msteams/users/29:1a#b?c\\d", DueIndex.RowFor("msteams/users/29:1a#b?c\\d"));
        Assert.Equal("due/202611021905", DueIndex.PartitionFor(Utc(2026, 11, 2, 19, 5)));
    }
}
