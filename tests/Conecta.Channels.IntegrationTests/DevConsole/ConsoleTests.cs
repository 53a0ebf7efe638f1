using System.Net;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Conecta.Channels.Tests.AsyncApi;

namespace Conecta.Channels.IntegrationTests.DevConsole;

/// <summary>
/// The console (/console) in a real headless Chromium against `make run`'s configuration on Kestrel: the whole active-contact
/// story clicked through the page, asserted on what the page shows. The final screen is kept as
/// artifacts/console/active-contact.png.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class ConsoleTests(AppFactory production)
{
    [Fact]
    public async Task A_person_walks_the_active_contact_story_through_the_console()
    {
        await using var app = SandboxAppFactory.Listening();
        using var client = app.CreateClient();
        using var browser = new Browser();

        browser.Driver.Navigate().GoToUrl(new Uri(client.BaseAddress!, "/console"));
        browser.WaitForText("connection", "connected");
        browser.WaitForText("state", "None");

        // An approved template: none yet on a new instance, so the console creates one and the sandbox's review approves it.
        browser.Click("create-template");
        browser.WaitForEvent("TemplateStatusChanged", "console_retomar_contato APPROVED");
        browser.WaitForText("template-parameters", "Body {{1}}");

        browser.Click("start");
        browser.WaitForText("state", "AwaitingReply");
        browser.WaitForText("typing", "typing locked");
        browser.WaitForEvent("ActiveContactStarted", "agent ana, team vendas");

        browser.Click("agent-send"); // free text while typing is locked
        browser.WaitForEvent("MessageRejected", "TypingLocked");
        Assert.EndsWith("rejected TypingLocked", browser.Text("outcome"), StringComparison.Ordinal);

        browser.Click("contact-press");
        browser.WaitForText("state", "Open");
        browser.WaitForText("typing", "typing unlocked");
        browser.WaitForText("queue", "queued to vendas");
        browser.WaitForEvent("TypingUnlocked", "agent ana may type");
        browser.WaitForEvent("SessionQueued", "to team vendas");

        browser.Click("contact-image");
        browser.WaitForEvent("InboundMessageReceived", "image from 5531988887777: meu boleto");
        browser.Click("contact-reply");
        browser.WaitForEvent("InboundMessageReceived", "text from 5531988887777: Oi, pode sim!");

        browser.Click("agent-send");
        browser.WaitForMatch("outcome", "^SendText \\([0-9a-f]{8}\\): accepted$");
        browser.WaitForEvent("MessageStatusChanged", "read of");
        browser.Click("agent-joined");
        browser.WaitForEvent("NotifyParticipantChange", "Bruno joined");
        browser.Click("agent-left");
        browser.WaitForEvent("NotifyParticipantChange", "Bruno left");
        browser.WaitForMatch("outcome", "^Left notice \\([0-9a-f]{8}\\): accepted$");

        browser.Click("end");
        browser.WaitForText("state", "Closed");
        browser.WaitForEvent("SessionClosed", "by");
        browser.Screenshot(Path.Combine(RepositoryFiles.Root, "artifacts", "console", "active-contact.png"));

        Assert.Equal(["None", "AwaitingReply: typing locked", "Open: typing unlocked, queued to vendas", "Closed"], browser.Timeline());
        Assert.Matches("^EndSession \\([0-9a-f]{8}\\): session closed$", browser.Text("outcome"));
        Assert.Equal(3, browser.Events("InboundMessageReceived").Count);
        Assert.Contains(browser.Events("InboundMessageReceived"), e => e.EndsWith("InboundMessageReceived button from 5531988887777: Sim, pode falar", StringComparison.Ordinal));
        var types = browser.EventTypes();
        string[] story = ["TemplateStatusChanged", "StartActiveContact", "MessageAccepted", "ActiveContactStarted", "SendText", "MessageRejected",
            "InboundMessageReceived", "TypingUnlocked", "SessionQueued", "MessageStatusChanged", "NotifyParticipantChange", "EndSession", "SessionClosed"];
        Assert.Empty(story.Except(types));
        Assert.False(browser.Driver.FindElement(OpenQA.Selenium.By.Id("error")).Displayed);
    }

    [Fact]
    public async Task The_console_is_served_in_Development_only()
    {
        await using var development = new EmbeddedAppFactory();
        using var developmentClient = development.CreateClient();
        using var productionClient = production.Client(); // with a token: an unmapped path is then a 404, not the fallback's 401

        using var page = await developmentClient.GetAsync("/console");
        using var script = await developmentClient.GetAsync("/console/console.js");
        using var missing = await developmentClient.GetAsync("/console/nothing.js");
        using var inProduction = await productionClient.GetAsync("/console");
        using var scriptInProduction = await productionClient.GetAsync("/console/console.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script src=\"/console/console.js\">", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, inProduction.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, scriptInProduction.StatusCode);
    }
}
