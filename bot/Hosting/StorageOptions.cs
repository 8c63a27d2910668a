using System.ComponentModel.DataAnnotations;

namespace TrustBot.Bot.Hosting;

/// <summary>Section <c>Storage</c>.</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>
    /// The account's table endpoint (<c>https://{account}.table.core.windows.net/</c>). When set it wins over
    /// <see cref="ConnectionString"/>: the bot signs in with Entra ID (a managed identity in Azure), no account key.
    /// </summary>
    [Url(ErrorMessage = "Storage:Endpoint must be the storage account's table endpoint URL, such as https://myaccount.table.core.windows.net/.")]
    public string? Endpoint { get; set; }

    /// <summary>The client id of the user-assigned managed identity to use with <see cref="Endpoint"/>; empty = DefaultAzureCredential.</summary>
    public string? ManagedIdentityClientId { get; set; }

    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{0,40}$", ErrorMessage = "Storage:TablePrefix must start with a letter and hold only letters and digits (Azure table name rules).")]
    public string TablePrefix { get; set; } = "TrustBot";

    /// <summary>How long /healthz waits for the storage to answer before it reports the bot unhealthy.</summary>
    [Range(1, 60, ErrorMessage = "Storage:HealthCheckTimeoutSeconds must be a whole number of seconds from 1 to 60.")]
    public int HealthCheckTimeoutSeconds { get; set; } = 3;

    /// <summary><c>Table</c> (default) or <c>Memory</c> (tests and benchmarks only).</summary>
    [Required, RegularExpression("^(Table|Memory)$", ErrorMessage = "Storage:Provider must be Table or Memory.")]
    public string Provider { get; set; } = "Table";
}
