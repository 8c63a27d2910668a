using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Bot.Storage;
using TrustBot.Journey;
using TrustBot.Schema;
using TrustBot.State;
using TrustBot.Tests.Http;

namespace TrustBot.Tests.Integration;

/// <summary>
/// The real bot host over Azure Table storage (Azurite) with its own table prefix; no proactive scheduler.
/// <c>settings</c> are applied over these defaults (e.g. an app id, to turn authentication on).
/// </summary>
public sealed class IntegrationBot(string connectionString, string tablePrefix, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public string ConnectionString { get; } = connectionString;

    public string TablePrefix { get; } = tablePrefix;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var values = new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
            ["Storage:Provider"] = "Table",
            ["Storage:ConnectionString"] = ConnectionString,
            ["Storage:TablePrefix"] = TablePrefix,
            ["Proactive:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(values));
        builder.ConfigureTestServices(s => services?.Invoke(s));
    }
}

/// <summary>One person in one conversation, talking to the bot over POST /api/messages with expectReplies.</summary>
public sealed class Person(string userId, string conversationId, string channelId = Channels.Emulator)
{
    private int _sent;

    public string UserId { get; } = userId;

    public string ConversationId { get; } = conversationId;

    public string ChannelId { get; } = channelId;

    public string Partition => $"{ChannelId}/users/{UserId}";

    public Person InConversation(string conversationId) => new(UserId, conversationId, ChannelId);

    public Activity Message(string text)
    {
        var activity = Activities.Message(ChannelId, "http://127.0.0.1:9/");
        activity.Id = $"{ConversationId}-{Interlocked.Increment(ref _sent)}";
        activity.From = new ChannelAccount { Id = UserId, Name = "Sam", Role = RoleTypes.User };
        activity.Conversation = new ConversationAccount { Id = ConversationId, ConversationType = "personal" };
        activity.Text = text;
        return activity;
    }

    /// <summary>Sends a message and returns the status and the reply texts (an empty list when the body has none).</summary>
    public async Task<(HttpStatusCode Status, List<Activity> Replies)> SendAsync(HttpClient client, string text)
    {
        using var response = await Activities.PostAsync(client, Message(text));
        var body = await response.Content.ReadAsStringAsync();
        var replies = body.Contains("\"activities\"", StringComparison.Ordinal)
            ? JsonSerializer.Deserialize(body, ProtocolJson.Default.ExpectedReplies)!.Activities.ToList()
            : [];
        return (response.StatusCode, replies);
    }

    /// <summary>Sends a message that must succeed; returns the replies' texts.</summary>
    public async Task<List<string>> SayAsync(HttpClient client, string text)
    {
        var (status, replies) = await SendAsync(client, text);
        Assert.True(status == HttpStatusCode.OK, $"'{text}' was answered with {(int)status}");
        return replies.Select(r => r.Text ?? "").ToList();
    }

    /// <summary>The onboarding answers of a person who was hurt, with daily 7pm reminders in London, ending at the menu.</summary>
    public static readonly string[] Onboarding =
        ["hi", "Yes", "Sam", "I was hurt", "Dishonesty", "Yes", "Every day", "7pm", "London", "Show me the menu"];

    public async Task OnboardAsync(HttpClient client)
    {
        foreach (var text in Onboarding) await SayAsync(client, text);
    }
}

/// <summary>Reads what the bot stored, straight from the tables.</summary>
internal static class StoredState
{
    public static TableStorage Storage(string connectionString, string prefix) =>
        Tests.Storage.TableStorageFactory.Create(connectionString, prefix);

    public static Task<JourneyProfile?> ProfileAsync(IStorage storage, string partition) => new ProfileStore(storage).ReadAsync(partition, default);

    /// <summary>Entities with the (escaped) partition key in every table whose name starts with the prefix.</summary>
    public static async Task<int> CountEntitiesAsync(string connectionString, string prefix, string partition)
    {
        var service = new TableServiceClient(connectionString);
        var pk = TableKeys.Encode(partition);
        var count = 0;
        var tables = 0;
        await foreach (var table in service.QueryAsync(TableServiceClient.CreateQueryFilter($"TableName ge {prefix} and TableName lt {prefix + "{"}")))
        {
            tables++;
            var client = service.GetTableClient(table.Name);
            await foreach (var _ in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk}"), select: ["PartitionKey"]))
                count++;
        }
        Assert.True(tables > 0, $"no table starts with {prefix}");
        return count;
    }
}
