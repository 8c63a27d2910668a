using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrustBot.Bot.Proactive;
using TrustBot.State;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace TrustBot.Tests.Teams;

/// <summary>
/// TrustBot in Microsoft 365 Agents Playground, Microsoft's Teams emulator, driven in Debian's chromium: what a person
/// sees and clicks in a Teams personal chat and group chat.
/// </summary>
[Trait(Tier.Name, Tier.Browser)]
public sealed class PlaygroundTeamsTests(PlaygroundBot bot, ITestOutputHelper output) : IClassFixture<PlaygroundBot>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Patient = new() { Timeout = 60_000 };

    [Fact]
    public async Task A_personal_chat_welcomes_once_onboards_by_clicks_and_typing_shows_the_menu_card_and_the_progress_chart_and_gets_a_reminder()
    {
        await using var playground = await Playground.StartAsync(bot.BaseUrl, bot.TrustedPlaygroundPort);
        var page = await playground.OpenAsync(bot.Browser);
        try
        {
            // Installed: one welcome, although the Playground announces the install twice, as Teams does.
            await Expect(BotSaid(page, "Hi, I'm TrustBot")).ToBeVisibleAsync(Patient);
            await Expect(BotSaid(page, "Would you like to begin?")).ToBeVisibleAsync(Patient);
            await Expect(Log(page, "installationUpdate 200")).ToBeVisibleAsync(Patient);
            await Expect(BotSaid(page, "Would you like to begin?")).ToHaveCountAsync(1);

            // Onboarding by suggested actions (three choices or fewer), Adaptive Card buttons (more) and typing.
            await ClickAsync(page, "Yes", then: "What should I call you?");
            await TypeAsync(page, "robin", then: "Nice to meet you, Robin");
            await ClickAsync(page, "I was hurt", then: "What broke the trust?");
            await ClickAsync(page, "Dishonesty", then: "Is your partner working on this too?");
            await TypeAsync(page, "yes", then: "How often would you like me to check in");
            await TypeAsync(page, "every day", then: "What time of day suits you");
            await TypeAsync(page, "7pm", then: "time zone");
            // The Playground passes on its machine's time zone (clientInfo); the bot asks to confirm it.
            await Expect(BotSaid(page, "It looks like your time zone is").Last).ToBeVisibleAsync(Patient);
            await ClickAsync(page, "Yes", then: "Shall we begin with step 1?");
            await Expect(BotSaid(page, "Here's what I have")).ToBeVisibleAsync(Patient);

            // Two earlier check-ins, sent over HTTP as the same person, give the progress card a chart to draw.
            await CheckInOverHttpAsync(playground, "6");
            bot.Clock.Advance(TimeSpan.FromDays(1));
            await CheckInOverHttpAsync(playground, "8");

            // The menu (an Adaptive Card), and its "My progress" button: an Adaptive Card with the chart.
            await TypeAsync(page, "menu", then: "What would you like to do?");
            await ClickAsync(page, "My progress", then: "Your progress");
            var chart = page.GetByRole(AriaRole.Img, new() { Name = "Chart of your trust ratings over your recent check-ins" });
            await Expect(chart).ToBeVisibleAsync(Patient);
            Assert.True(await chart.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the chart image did not load");
            await chart.ScrollIntoViewIfNeededAsync();
            var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "playground-progress.png");
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
            output.WriteLine($"Screenshot: {screenshot}");

            // The first message the bot starts on its own reaches the chat through the Playground's connector.
            var sent = 0;
            for (var hour = 0; hour < 48 && sent == 0; hour++)
            {
                bot.Clock.Advance(TimeSpan.FromHours(1));
                sent = await ProactiveSenderOf(bot.App.Services).TickAsync(CancellationToken.None);
            }
            Assert.True(sent > 0, "no message the bot starts on its own became due within two days");
            await Expect(BotSaid(page, "Hi Robin.").Last).ToBeVisibleAsync(Patient);
        }
        catch
        {
            output.WriteLine(await page.Locator("body").AriaSnapshotAsync());
            throw;
        }
    }

    [Fact]
    public async Task A_group_chat_hears_no_unmentioned_message_and_an_at_mention_gets_the_short_group_answer()
    {
        await using var playground = await Playground.StartAsync(bot.BaseUrl);
        var page = await playground.OpenAsync(bot.Browser);
        try
        {
            await page.GetByRole(AriaRole.Treeitem, new() { Name = Playground.GroupChatName }).ClickAsync();
            await Expect(BotSaid(page, "I don't do coaching in group conversations")).ToHaveCountAsync(1, new() { Timeout = 60_000 });

            // Without an @mention the message never reaches the bot (Teams' rule, which the Playground keeps).
            await TypeAsync(page, "hello everyone, my husband read my diary", then: null);
            await Expect(PersonSaid(page, "hello everyone")).ToBeVisibleAsync(Patient);

            await Expect(Log(page, "message 200")).ToHaveCountAsync(0);
            await Expect(BotSaid(page, "I don't do coaching in group conversations")).ToHaveCountAsync(1);

            // With an @mention it does: the mention text is removed, and the answer is the short group one, without
            // anything private (the person's name or writing) and without starting a coaching question.
            await page.GetByRole(AriaRole.Textbox).ClickAsync();
            await page.Keyboard.TypeAsync("@Tru");
            await page.GetByRole(AriaRole.Menuitem, new() { Name = Playground.BotName }).First.ClickAsync(new() { Timeout = 60_000 });
            await page.Keyboard.TypeAsync(" check in please");
            await page.Keyboard.PressAsync("Enter");
            await Expect(Log(page, "message 200")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
            await Expect(BotSaid(page, "I don't do coaching in group conversations")).ToHaveCountAsync(2, new() { Timeout = 60_000 });
            await Expect(BotSaid(page, "How are you feeling")).ToHaveCountAsync(0);
        }
        catch
        {
            output.WriteLine(await page.Locator("body").AriaSnapshotAsync());
            throw;
        }
    }

    /// <summary>A proactive sender like the host's (over the state cache's view of storage); each new one looks three hours back.</summary>
    private static ProactiveSender ProactiveSenderOf(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<ProactiveSender>(services, services.GetRequiredService<StateCache>().Observe(services.GetRequiredService<IStorage>()));

    /// <summary>A message in the chat: the element holding a message header.</summary>
    private static ILocator Messages(IPage page) => page.Locator("div:has(> [aria-label='Message header'])");

    private static ILocator BotSaid(IPage page, string text) =>
        Messages(page).Filter(new() { Has = page.GetByLabel("Message author").GetByText(Playground.BotName, new() { Exact = true }) }).Filter(new() { HasText = text });

    private static ILocator PersonSaid(IPage page, string text) =>
        Messages(page).Filter(new() { HasNot = page.GetByLabel("Message author").GetByText(Playground.BotName, new() { Exact = true }) }).Filter(new() { HasText = text });

    /// <summary>An entry of the Playground's log panel, e.g. "installationUpdate 200" or "message 200" (a message to the bot).</summary>
    private static ILocator Log(IPage page, string text) => page.GetByText(text, new() { Exact = true });

    private static async Task ClickAsync(IPage page, string button, string then)
    {
        var target = page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).Last;
        try
        {
            await target.WaitForAsync(new() { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            // The Playground draws suggested actions only under the newest message. On a loaded machine it sometimes
            // draws the person's own echo after the bot's reply (the reply came back first), and the buttons never
            // show. A person would then type the choice, and the bot takes a typed title as the same answer: so does
            // the test, but only in exactly that case; a missing button under the newest message still fails.
            var personLast = await Messages(page).Last
                .Filter(new() { HasNot = page.GetByLabel("Message author").GetByText(Playground.BotName, new() { Exact = true }) }).CountAsync() == 1;
            if (!personLast) throw;
            await TypeAsync(page, button, then);
            return;
        }

        await target.ClickAsync();
        await Expect(BotSaid(page, then).Last).ToBeVisibleAsync(Patient);
    }

    private static async Task TypeAsync(IPage page, string text, string? then)
    {
        var before = await BotSaid(page, then ?? "\u0000").CountAsync();
        await page.GetByRole(AriaRole.Textbox).ClickAsync();
        await page.Keyboard.TypeAsync(text);
        await page.Keyboard.PressAsync("Enter");
        if (then is not null) await Expect(BotSaid(page, then)).ToHaveCountAsync(before + 1, new() { Timeout = 60_000 });
    }

    /// <summary>A whole check-in, as the same person in the same chat, straight to /api/messages (replies come back in the response).</summary>
    private async Task CheckInOverHttpAsync(Playground playground, string trust)
    {
        using var client = bot.App.CreateClient();
        var person = new Integration.Person(playground.UserId, playground.PersonalConversationId, Schema.Channels.Msteams);
        foreach (var text in new[] { "check in", trust, "About the same", "skip", "skip" }) await person.SayAsync(client, text);
    }
}
