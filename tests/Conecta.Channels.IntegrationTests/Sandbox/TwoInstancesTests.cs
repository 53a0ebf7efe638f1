using Conecta.Channels.IntegrationTests.Infrastructure;

namespace Conecta.Channels.IntegrationTests.Sandbox;

/// <summary>Two instances on two ports chosen at start: each one's sandbox takes the address it listens on, never another's.</summary>
public sealed class TwoInstancesTests
{
    [Fact]
    public async Task Each_instance_reviews_its_own_templates_and_posts_the_status_webhook_to_itself()
    {
        await using var first = SandboxAppFactory.Listening();
        await using var second = SandboxAppFactory.Listening();
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();
        using var firstEvents = await DevEvents.OpenAsync(firstClient);
        using var secondEvents = await DevEvents.OpenAsync(secondClient);
        using var firstAdmin = SandboxClient.Admin(first);
        using var secondAdmin = SandboxClient.Admin(second);

        // The first one first: were its webhook posted to the second instance, the second would see it before its own.
        await SandboxClient.CreateTemplateAsync(firstAdmin, await SandboxClient.AccountIdAsync(firstAdmin), "primeira_instancia");
        await SandboxClient.CreateTemplateAsync(secondAdmin, await SandboxClient.AccountIdAsync(secondAdmin), "segunda_instancia");
        var firstChange = (await firstEvents.TakeAsync(1, Changed))[0].GetProperty("message");
        var secondChange = (await secondEvents.TakeAsync(1, Changed))[0].GetProperty("message");

        Assert.NotEqual(firstClient.BaseAddress!.Port, secondClient.BaseAddress!.Port);
        Assert.Equal(("primeira_instancia", "APPROVED"), (firstChange.GetProperty("templateName").GetString(), firstChange.GetProperty("event").GetString()));
        Assert.Equal(("segunda_instancia", "APPROVED"), (secondChange.GetProperty("templateName").GetString(), secondChange.GetProperty("event").GetString()));
    }

    private static bool Changed(System.Text.Json.JsonElement e) => e.GetProperty("messageType").GetString() == "TemplateStatusChanged";
}
