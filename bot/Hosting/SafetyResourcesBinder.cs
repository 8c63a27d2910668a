using System.Globalization;
using TrustBot.Safety;

namespace TrustBot.Bot.Hosting;

/// <summary>
/// Binds <c>Safety:Resources</c>. Each country's value is either a list of lines to call (the original form) or an
/// object with <c>call</c>, <c>text</c> and <c>chat</c> lists; both forms may be mixed across countries, and an
/// environment variable such as <c>Safety__Resources__US__text__0</c> adds to either.
/// </summary>
internal static class SafetyResourcesBinder
{
    /// <summary>Fills <paramref name="resources"/> from the section.</summary>
    public static void Bind(IConfigurationSection section, SafetyResources resources)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(resources);
        foreach (var entry in section.GetChildren())
        {
            var call = new List<string>();
            if (!string.IsNullOrWhiteSpace(entry.Value)) call.Add(entry.Value);
            call.AddRange(Values(entry.GetChildren().Where(c => IsIndex(c.Key))));
            foreach (var part in entry.GetChildren().Where(c => !IsIndex(c.Key)))
            {
                switch (part.Key.ToLowerInvariant())
                {
                    case "call":
                        call.AddRange(Values(part.GetChildren()));
                        break;
                    case "text":
                        resources.Text[entry.Key] = Values(part.GetChildren());
                        break;
                    case "chat":
                        resources.Chat[entry.Key] = Values(part.GetChildren());
                        break;
                    default:
                        throw new InvalidOperationException(
                            $"{SafetyResources.Section}:{entry.Key}:{part.Key} is not understood; a country's resources are a list of lines, or \"call\", \"text\" and \"chat\" lists.");
                }
            }
            resources[entry.Key] = call;
        }
    }

    private static bool IsIndex(string key) => int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static List<string> Values(IEnumerable<IConfigurationSection> items) =>
        items.Where(c => IsIndex(c.Key) && !string.IsNullOrWhiteSpace(c.Value))
            .OrderBy(c => int.Parse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture))
            .Select(c => c.Value!)
            .ToList();
}
