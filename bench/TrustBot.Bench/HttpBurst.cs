using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrustBot.Journey;

namespace TrustBot.Bench;

/// <summary>
/// A person who types fast, over HTTP: ten messages of one person in one conversation sent at once
/// (2 ms apart, so they arrive in order but overlap), logging three wins. Lost = a message without a
/// proper answer, or a win missing from the person's wins afterwards.
/// </summary>
internal static class HttpBurst
{
    private static readonly string[] Onboarding = ["hi", "Yes", "Sam", "I was hurt", "Dishonesty", "Yes", "Every day", "7pm", "London", "Show me the menu"];
    private static readonly string[] Burst = ["wins", "Log a win", "Win one", "wins", "Log a win", "Win two", "wins", "Log a win", "Win three", "progress"];
    private static readonly string[] Wins = ["Win one", "Win two", "Win three"];

    public static async Task<int> RunAsync(string url, string[] args)
    {
        var jsonPath = args.SkipWhile(a => a != "--json").Skip(1).FirstOrDefault();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var person = "burst-" + Guid.NewGuid().ToString("N")[..8];
        foreach (var text in Onboarding) await SayAsync(http, url, person, text);
        // Open as many connections as the burst needs first, so connection set-up cannot reorder it.
        await Task.WhenAll(Enumerable.Range(0, Burst.Length).Select(_ => http.GetAsync(new Uri(new Uri(url), "/healthz"))));

        var watch = Stopwatch.StartNew();
        var turns = new List<Task<Answer>>();
        foreach (var text in Burst)
        {
            turns.Add(SayAsync(http, url, person, text));
            await Task.Delay(2);
        }
        var answers = await Task.WhenAll(turns);
        watch.Stop();

        var unanswered = answers.Count(a => !a.Ok);
        var celebrations = Enumerable.Range(1, 3).Select(Encouragement.CelebrateWin).ToArray();
        var celebrated = answers.SelectMany(a => a.Texts).Where(celebrations.Contains).ToList();
        var listed = (await SayAsync(http, url, person, "wins")).Texts.FirstOrDefault(t => t.StartsWith("Your recent wins:", StringComparison.Ordinal)) ?? "";
        var missing = Wins.Count(w => !listed.Contains(w, StringComparison.Ordinal));
        var inOrder = celebrated.SequenceEqual(celebrations);
        var lost = unanswered + missing;
        Console.WriteLine($"burst of {Burst.Length} messages from one person: {Burst.Length - unanswered} answered in {watch.Elapsed.TotalMilliseconds:F0} ms, " +
            $"{Wins.Length - missing} of {Wins.Length} wins stored, celebrations {(inOrder ? "in order" : "out of order: " + string.Join(" | ", celebrated))}; lost {lost}");
        if (jsonPath is not null)
        {
            var result = new JsonObject { ["messages"] = Burst.Length, ["unanswered"] = unanswered, ["winsStored"] = Wins.Length - missing, ["inOrder"] = inOrder, ["lost"] = lost, ["ms"] = Math.Round(watch.Elapsed.TotalMilliseconds) };
            await File.WriteAllTextAsync(jsonPath, result.ToJsonString() + "\n");
        }
        return lost == 0 ? 0 : 1;
    }

    private sealed record Answer(bool Ok, IReadOnlyList<string> Texts);

    private static async Task<Answer> SayAsync(HttpClient http, string url, string person, string text)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["deliveryMode"] = "expectReplies",
            ["channelId"] = "emulator",
            ["serviceUrl"] = "http://127.0.0.1:9/",
            ["from"] = new JsonObject { ["id"] = person },
            ["recipient"] = new JsonObject { ["id"] = "bot" },
            ["conversation"] = new JsonObject { ["id"] = person },
            ["locale"] = "en-US",
            ["text"] = text,
        };
        try
        {
            using var response = await http.PostAsJsonAsync(url, activity);
            if (!response.IsSuccessStatusCode) return new Answer(false, []);
            var body = await response.Content.ReadFromJsonAsync<JsonObject>();
            var texts = (body?["activities"] as JsonArray ?? []).Select(a => a?["text"]?.GetValue<string>()).OfType<string>().ToList();
            var broken = texts.Count == 0 || texts.Any(t => t.Contains("went wrong", StringComparison.OrdinalIgnoreCase) || t.Contains("can't reach my memory", StringComparison.OrdinalIgnoreCase));
            return new Answer(!broken, texts);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new Answer(false, []);
        }
    }
}
