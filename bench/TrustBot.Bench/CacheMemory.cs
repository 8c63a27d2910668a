using TrustBot.Journey;
using TrustBot.Safety;
using TrustBot.State;
using TrustBot.Testing;

namespace TrustBot.Bench;

/// <summary>
/// Measures the memory one cached person costs: people onboard in-process (ending at the menu, the state
/// a check-in starts from), then the heap is compared with the cache holding them and after it dropped them.
/// The storage keeps its own copy of the documents, so only the cache's share is counted.
/// </summary>
internal static class CacheMemory
{
    public static async Task<int> RunAsync(int people)
    {
        string[] onboarding = ["hi", "Yes", "Sam", "I was hurt", "Dishonesty", "Yes", "Every day", "7pm", "London", "Show me the menu"];
        var storage = new MemoryStorage();
        var cache = new StateCache(people, TimeSpan.FromHours(1), TimeProvider.System);
        var adapter = new TestAdapter();
        var bot = new TrustBotHandler(storage, TimeProvider.System, new JourneyOptions { SafetyResources = new SafetyResources { ["default"] = ["Call your local emergency number."] } }, cache: cache);
        for (var p = 0; p < people; p++)
        {
            adapter.Conversation.User = new Schema.ChannelAccount { Id = $"person-{p}", Name = "Sam", Role = Schema.RoleTypes.User };
            adapter.Conversation.Conversation = new Schema.ConversationAccount { Id = $"chat-{p}", ConversationType = "personal" };
            foreach (var text in onboarding)
            {
                await adapter.ProcessActivityAsync(Activity.CreateMessage(text), bot.OnTurnAsync, CancellationToken.None);
                while (adapter.NextReply() is not null) { }
            }
        }

        // The documents as the cache holds them: in production they are its own strings, not shared with a store.
        var key = new StorageKey("test/users/person-0", "user");
        var user = (await storage.ReadAsync([key], default))[key].Json;
        var dialogKey = new StorageKey("test/users/person-0", "conversations/chat-0");
        var dialogs = (await storage.ReadAsync([dialogKey], default))[dialogKey].Json;
        long StringBytes(string s) => 22 + 2L * s.Length;
        var documents = StringBytes(user) + StringBytes(dialogs);

        var withCache = GC.GetTotalMemory(forceFullCollection: true);
        cache.Forget(Enumerable.Range(0, people).Select(p => $"test/users/person-{p}"));
        var without = GC.GetTotalMemory(forceFullCollection: true);
        var entry = (double)(withCache - without) / people;
        GC.KeepAlive(bot);
        Console.WriteLine($"{people} cached people: entry overhead {entry:F0} B per person (heap with and without them in the cache), " +
                          $"documents {documents} B per person (profile {user.Length} chars, dialog stack {dialogs.Length} chars, UTF-16): " +
                          $"about {(entry + documents) / 1024:F1} KB per cached person");
        return 0;
    }
}
