using TrustBot.Bot.Hosting;

var builder = WebApplication.CreateBuilder(args);
// The shared appsettings.json sits beside the binary; environment variables and the command line still win over it.
builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
    .AddEnvironmentVariables()
    .AddCommandLine(args);
builder.Services.AddTrustBot(builder.Configuration);

var app = builder.Build();
app.MapBotEndpoints();
app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
