using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace TrustBot.Tests.Infra;

/// <summary>The Bicep templates compiled once per run with the Bicep CLI from NuGet.</summary>
public sealed class CompiledTemplates
{
    public CompiledTemplates()
    {
        var bicep = typeof(CompiledTemplates).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;
        Assert.True(File.Exists(bicep), $"The Bicep CLI is missing at {bicep}: restore the tests project (it downloads Azure.Bicep.CommandLine.linux-x64).");
        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "infra"), "*.bicep"))
        {
            var start = new ProcessStartInfo(bicep) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "build", file, "--stdout" }) start.ArgumentList.Add(argument);
            // Offline: no telemetry, no registry look-ups.
            start.Environment["BICEP_TRACING_ENABLED"] = "false";
            start.Environment["BICEP_TELEMETRY_DISABLED"] = "true";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Results[Path.GetFileName(file)] = (process.ExitCode, stdout.Result, stderr);
        }
    }

    public Dictionary<string, (int ExitCode, string Json, string Diagnostics)> Results { get; } = [];

    public JsonObject Main => JsonNode.Parse(Results["main.bicep"].Json)!.AsObject();
}

[Trait(Tier.Name, Tier.Integration)]
public sealed class InfraTemplateTests(CompiledTemplates templates) : IClassFixture<CompiledTemplates>
{
    private IEnumerable<JsonObject> Resources(string type) =>
        templates.Main["resources"]!.AsArray().Select(r => r!.AsObject()).Where(r => r["type"]!.GetValue<string>() == type);

    [Fact]
    public void Every_bicep_file_compiles_without_errors_or_linter_warnings()
    {
        Assert.Contains("main.bicep", templates.Results.Keys);
        foreach (var (file, (exitCode, _, diagnostics)) in templates.Results)
        {
            Assert.True(exitCode == 0, $"{file} failed to compile:\n{diagnostics}");
            Assert.True(string.IsNullOrWhiteSpace(diagnostics), $"{file} has diagnostics:\n{diagnostics}");
        }
    }

    [Fact]
    public void Secrets_are_secure_parameters_without_defaults_and_storage_takes_no_account_key()
    {
        var parameters = templates.Main["parameters"]!.AsObject();
        Assert.Equal("securestring", parameters["botAppPassword"]!["type"]!.GetValue<string>());
        Assert.Null(parameters["botAppPassword"]!["defaultValue"]);
        Assert.Equal("securestring", parameters["directLineSecret"]!["type"]!.GetValue<string>());

        var storage = Assert.Single(Resources("Microsoft.Storage/storageAccounts"))["properties"]!;
        Assert.Equal("TLS1_2", storage["minimumTlsVersion"]!.GetValue<string>());
        Assert.False(storage["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.False(storage["allowSharedKeyAccess"]!.GetValue<bool>());

        var settings = Assert.Single(Resources("Microsoft.Web/sites"))["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["value"]!.ToJsonString());
        Assert.Contains("Storage__Endpoint", settings.Keys);
        Assert.Contains("Storage__ManagedIdentityClientId", settings.Keys);
        Assert.DoesNotContain("Storage__ConnectionString", settings.Keys);
        Assert.DoesNotContain(settings.Values, v => v.Contains("listKeys", StringComparison.OrdinalIgnoreCase) || v.Contains("AccountKey", StringComparison.Ordinal));
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", settings.Keys);
    }

    [Fact]
    public void The_identity_may_read_and_write_tables_and_the_app_runs_https_only_on_two_instances_with_a_health_check()
    {
        var role = Assert.Single(Resources("Microsoft.Authorization/roleAssignments"));
        Assert.Contains("variables('storageTableDataContributor')", role["properties"]!["roleDefinitionId"]!.GetValue<string>());
        Assert.Contains("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", templates.Main["variables"]!["storageTableDataContributor"]!.GetValue<string>()); // Storage Table Data Contributor

        var site = Assert.Single(Resources("Microsoft.Web/sites"));
        Assert.Equal("UserAssigned", site["identity"]!["type"]!.GetValue<string>());
        Assert.True(site["properties"]!["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("/healthz", site["properties"]!["siteConfig"]!["healthCheckPath"]!.GetValue<string>());
        Assert.Equal("DOTNETCORE|10.0", site["properties"]!["siteConfig"]!["linuxFxVersion"]!.GetValue<string>());
        Assert.Equal(2, templates.Main["parameters"]!["instanceCount"]!["defaultValue"]!.GetValue<int>());

        var bot = Assert.Single(Resources("Microsoft.BotService/botServices"));
        Assert.Contains("/api/messages", bot["properties"]!["endpoint"]!.GetValue<string>());
        var channels = Resources("Microsoft.BotService/botServices/channels").Select(c => c["properties"]!["channelName"]!.GetValue<string>());
        Assert.Equal(["DirectLineChannel", "MsTeamsChannel"], channels.Order());
        Assert.Single(Resources("Microsoft.Insights/components"));
        Assert.Single(Resources("Microsoft.OperationalInsights/workspaces"));
    }
}
