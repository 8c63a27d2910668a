namespace TrustBot.Tests;

/// <summary>Where the repository is, for tests that need its files (node_modules, teams/, ...).</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TrustBot.sln"))) return dir.FullName;
        throw new InvalidOperationException($"Could not find the repository root (TrustBot.sln) above {AppContext.BaseDirectory}; run the tests from inside the repository.");
    });

    /// <summary>The folder that holds TrustBot.sln.</summary>
    public static string Root => RootPath.Value;
}
