using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Tests.DirectLine;
using TrustBot.Turns;

namespace TrustBot.Tests.WebChat;

/// <summary>TrustBot listening on a real loopback port (Kestrel), for a browser or a node client.</summary>
public sealed class LiveBot : IDisposable
{
    public LiveBot()
    {
        App = new DirectLineApp();
        App.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.TrimEnd('/');
    }

    public DirectLineApp App { get; }

    /// <summary>e.g. http://127.0.0.1:41234</summary>
    public string BaseUrl { get; }

    /// <summary>The repository root (holds package.json and node_modules).</summary>
    public static string RepositoryRoot => Repository.Root;

    public void Dispose() => App.Dispose();
}

[CollectionDefinition(Name)]
public sealed class LiveBotCollection : ICollectionFixture<LiveBot>
{
    public const string Name = "Live bot on a loopback port";
}
