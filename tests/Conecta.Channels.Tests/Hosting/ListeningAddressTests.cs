using Conecta.Channels.Hosting;

namespace Conecta.Channels.Tests.Hosting;

public sealed class ListeningAddressTests
{
    public static TheoryData<string[], string> Addresses => new()
    {
        { ["http://127.0.0.1:8080"], "http://127.0.0.1:8080/" },
        // A port chosen at start (--urls http://127.0.0.1:0) is listed as the one bound.
        { ["http://127.0.0.1:43719"], "http://127.0.0.1:43719/" },
        { ["https://127.0.0.1:7443", "http://127.0.0.1:5080"], "http://127.0.0.1:5080/" },
        { ["https://localhost:7443"], "https://localhost:7443/" },
        { ["http://0.0.0.0:5000"], "http://127.0.0.1:5000/" },
        { ["http://[::]:5000"], "http://[::1]:5000/" },
        { ["http://+:80"], "http://127.0.0.1/" },
        { ["http://*:8081"], "http://127.0.0.1:8081/" },
        { ["http://localhost:5000", "http://127.0.0.1:6000"], "http://localhost:5000/" },
        { [], "http://localhost/" },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public void The_address_to_reach_this_instance_at(string[] bound, string expected) =>
        Assert.Equal(expected, ListeningAddress.Choose(bound).AbsoluteUri);
}
