using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrustBot.Bot.Channel;
using TrustBot.Bot.DirectLine;
using TrustBot.Schema;
using TrustBot.Turns;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace TrustBot.Tests.WebChat;

/// <summary>The web chat page in Debian's chromium, driven by Playwright, against the local Direct Line.</summary>
[Trait(Tier.Name, Tier.Browser)]
[Collection(LiveBotCollection.Name)]
public sealed class WebChatBrowserTests(LiveBot bot, ITestOutputHelper output) : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string TinyPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
    private static readonly LocatorAssertionsToBeVisibleOptions Patient = new() { Timeout = 30_000 };

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium (apt-get install -y chromium), as ./test.sh does.");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    [Fact]
    public async Task A_visitor_is_welcomed_answers_by_button_and_by_typing_and_after_a_reload_continues_the_same_conversation()
    {
        await using var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add(message.Text); };
        page.PageError += (_, error) => problems.Add(error);
        page.Response += (_, response) => { if (response.Status >= 400) problems.Add($"{response.Status} {response.Url}"); };
        var conversationsBefore = bot.App.Services.GetRequiredService<LocalConversationStore>().Count;

        await page.GotoAsync(bot.BaseUrl + "/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "TrustBot" })).ToBeVisibleAsync();
        await Expect(page.GetByText("TrustBot is a coaching companion, not a therapist")).ToBeVisibleAsync();
        var fromBot = BotMessages(page);
        await Expect(fromBot.Filter(new() { HasText = ExpectedBot.WelcomeContains }).First).ToBeVisibleAsync(Patient);

        // The consent question offers suggested actions; clicking one sends it as the person's message.
        await Expect(SuggestedAction(page, ExpectedBot.ConsentNotNow)).ToBeVisibleAsync(Patient);
        await SuggestedAction(page, ExpectedBot.ConsentYes).ClickAsync();
        await Expect(UserMessages(page).Filter(new() { HasText = ExpectedBot.ConsentYes })).ToBeVisibleAsync(Patient);
        await Expect(fromBot.Filter(new() { HasText = ExpectedBot.AskNameContains }).First).ToBeVisibleAsync(Patient);

        var botCount = await fromBot.CountAsync();
        var sendBox = page.GetByPlaceholder("Type your message");
        await sendBox.FillAsync("Robin");
        await sendBox.PressAsync("Enter");
        await Expect(UserMessages(page).Filter(new() { HasText = "Robin" })).ToBeVisibleAsync(Patient);
        await Expect(fromBot.Nth(botCount)).ToBeVisibleAsync(Patient);
        await Expect(page.GetByText("Send failed")).ToHaveCountAsync(0);

        var widthFits = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");
        Assert.True(widthFits, "the page scrolls sideways at phone width");
        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "webchat.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"Screenshot: {screenshot}");

        var welcomes = await fromBot.Filter(new() { HasText = ExpectedBot.WelcomeContains }).CountAsync();
        var userBefore = (await context.CookiesAsync()).Single(c => c.Name == DirectLineTokenEndpoint.UserCookie);
        Assert.True(userBefore.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, userBefore.SameSite);

        await page.ReloadAsync();

        // Same person, same conversation: the history comes back and no second welcome is sent.
        await Expect(UserMessages(page).Filter(new() { HasText = "Robin" })).ToBeVisibleAsync(Patient);
        await Expect(fromBot.Filter(new() { HasText = ExpectedBot.AskNameContains }).First).ToBeVisibleAsync(Patient);
        await Expect(fromBot.Filter(new() { HasText = ExpectedBot.WelcomeContains })).ToHaveCountAsync(welcomes);
        var userAfter = (await context.CookiesAsync()).Single(c => c.Name == DirectLineTokenEndpoint.UserCookie);
        Assert.Equal(userBefore.Value, userAfter.Value);
        Assert.Equal(conversationsBefore + 1, bot.App.Services.GetRequiredService<LocalConversationStore>().Count);

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Cards_and_images_from_the_bot_render_under_the_pages_content_policy()
    {
        await using var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 800 } });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add(message.Text); };
        await page.GotoAsync(bot.BaseUrl + "/");
        await Expect(BotMessages(page).Filter(new() { HasText = ExpectedBot.WelcomeContains }).First).ToBeVisibleAsync(Patient);
        var cookie = (await context.CookiesAsync()).Single(c => c.Name == DirectLineTokenEndpoint.UserCookie).Value;
        var user = bot.App.Services.GetRequiredService<WebChatUserCookie>().UserIdFrom(cookie)!;

        // A proactive message, as the scheduler would send it: an Adaptive Card with a chart image, and a hero card.
        var reference = ReferenceFor(user);
        var cards = Activity.CreateMessage();
        cards.Attachments =
        [
            new Attachment
            {
                ContentType = AttachmentContentTypes.AdaptiveCard,
                Content = System.Text.Json.Nodes.JsonNode.Parse($$"""
                    {"type":"AdaptiveCard","version":"1.5","body":[
                      {"type":"TextBlock","text":"Your progress this week","weight":"Bolder"},
                      {"type":"Image","url":"data:image/png;base64,{{TinyPng}}","altText":"Trust trend chart"}]}
                    """),
            },
            new Attachment
            {
                ContentType = AttachmentContentTypes.HeroCard,
                Content = System.Text.Json.Nodes.JsonNode.Parse("""{"title":"Small wins","text":"You kept three check-ins in a row.","buttons":[{"type":"imBack","title":"See my wins","value":"wins"}]}"""),
            },
        ];
        await bot.App.Services.GetRequiredService<BotHttpAdapter>()
            .ContinueConversationAsync(reference, (turn, ct) => turn.SendActivityAsync(cards, ct), CancellationToken.None);

        await Expect(page.GetByText("Your progress this week")).ToBeVisibleAsync(Patient);
        await Expect(page.GetByAltText("Trust trend chart")).ToBeVisibleAsync(Patient);
        var loaded = await page.GetByAltText("Trust trend chart").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0");
        Assert.True(loaded, "the data: image was blocked or failed to load");
        await Expect(page.GetByText("Small wins", new() { Exact = true })).ToBeVisibleAsync(Patient);
        await Expect(page.Locator("button.ac-pushButton", new() { HasText = "See my wins" })).ToBeVisibleAsync(Patient);
        Assert.DoesNotContain(problems, p => p.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }

    private ConversationReference ReferenceFor(string userId)
    {
        var store = bot.App.Services.GetRequiredService<LocalConversationStore>();
        var (conversation, created) = store.GetOrCreate(userId)!.Value;
        Assert.False(created);
        return new ConversationReference
        {
            ChannelId = Channels.Webchat,
            ServiceUrl = LocalDirectLineConnector.ServiceUrl,
            Conversation = new ConversationAccount { Id = conversation.Id },
            User = new ChannelAccount { Id = userId, Role = RoleTypes.User },
            Bot = new ChannelAccount { Id = "trustbot", Name = "TrustBot", Role = RoleTypes.Bot },
        };
    }

    private static ILocator SuggestedAction(IPage page, string title) =>
        page.GetByRole(AriaRole.Toolbar, new() { Name = "Suggested actions" }).GetByRole(AriaRole.Button, new() { Name = title, Exact = true });

    private static ILocator BotMessages(IPage page) => page.Locator(".webchat__stacked-layout:not(.webchat__stacked-layout--from-user) .webchat__bubble");

    private static ILocator UserMessages(IPage page) => page.Locator(".webchat__stacked-layout--from-user .webchat__bubble");
}
