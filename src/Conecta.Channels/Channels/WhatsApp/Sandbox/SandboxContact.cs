using System.Text.Json.Nodes;
using Conecta.Channels.Accounts;
using Conecta.Channels.Phones;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conecta.Channels.Channels.WhatsApp.Sandbox;

/// <summary>What the simulated contact sends.</summary>
/// <param name="Type">text, image (a small PNG, with an optional caption) or button (the reply to a template's quick-reply button).</param>
/// <param name="Text">text: the message; button: the button's label.</param>
/// <param name="Payload">button: the button's payload (its label when left out).</param>
/// <param name="To">The business number written to (phone_number_id); the sandbox's own number when left out.</param>
/// <param name="Name">The contact's profile name.</param>
internal sealed record SimulatedMessage(string? Type, string? Text = null, string? Caption = null, string? Payload = null, string? To = null,
    string? Name = null);

/// <param name="MessageId">The message's wamid, as the webhook carried it.</param>
/// <param name="MediaId">image: the media id (GET /api/media/{accountId}/{mediaId} downloads it from the sandbox).</param>
internal sealed record SimulatedMessageSent(string MessageId, string From, string To, string? MediaId);

/// <summary>
/// The contact simulator (Development, sandbox on): POST /sandbox/contacts/{from}/messages makes the contact send a message,
/// posted as Meta's signed webhook with the current time through the service's real webhook path, so nobody signs a body by hand.
/// </summary>
internal static class SandboxContact
{
    private static readonly string[] Types = ["text", "image", "button"];

    public static IEndpointRouteBuilder MapSandboxContact(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sandbox/contacts/{from}/messages", Send).WithTags("Development").ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .WithSummary("Development sandbox: the contact {from} sends text, an image or a button reply, as a signed Meta webhook through the real path")
            .WithDescription("""
                {from} is the contact's WhatsApp number, digits with the country code (5531988887777). The webhook is signed with the first
                app secret and dated now, so the 24-hour window opens. 200 once the service took it (InboundMessageReceived and the session
                events follow on /dev/events); 502 when the webhook refused it.
                """);
        return app;
    }

    internal static async Task<Results<Ok<SimulatedMessageSent>, ValidationProblem, ProblemHttpResult>> Send(string from, SimulatedMessage message,
        ChannelAccountStore accounts, SandboxWebhooks webhooks, SandboxMedia media, TimeProvider clock, Microsoft.Extensions.Options.IOptions<SandboxOptions> options,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        // As Meta writes wa_id: digits, possibly without Brazil's ninth digit (the service keys both the same).
        var waId = ContactKeys.CanonicalPhone(from) is not null ? from.TrimStart('+') : null;
        if (waId is null) errors["from"] = ["The contact's WhatsApp number: digits with the country code, e.g. 5531988887777."];
        if (!Types.Contains(message.Type)) errors["type"] = ["One of: " + string.Join(", ", Types) + "."];
        if (message.Type is "text" or "button" && string.IsNullOrWhiteSpace(message.Text)) errors["text"] = [$"Required for a {message.Type}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var to = message.To ?? options.Value.PhoneNumberId;
        if (await accounts.FindByProviderIdAsync(WebhookMapper.Channel, to, cancellationToken) is not { } account)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown business number",
                detail: $"No WhatsApp account has the phone_number_id {to}.");

        var wamid = "wamid.sandbox.in." + Guid.NewGuid().ToString("N");
        var (body, mediaId) = Content(message, media);
        body["from"] = waId;
        body["id"] = wamid;
        body["timestamp"] = SandboxWebhooks.UnixTime(clock.GetUtcNow());
        var contact = new JsonObject { ["profile"] = new JsonObject { ["name"] = message.Name ?? "Contato Sandbox" }, ["wa_id"] = waId };
        var payload = SandboxWebhooks.Envelope(account.BusinessAccountId ?? SandboxAccount.BusinessAccountId, "messages",
            SandboxWebhooks.MessagesValue(to, account.DisplayNumber ?? SandboxAccount.DisplayNumber,
                ("contacts", new JsonArray(contact)), ("messages", new JsonArray(body))));

        var answered = await webhooks.PostAsync(payload, cancellationToken);
        if (answered != StatusCodes.Status200OK)
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The webhook did not take the message",
                detail: $"POST /webhooks/whatsapp answered {answered}; Meta would retry it.");
        return TypedResults.Ok(new SimulatedMessageSent(wamid, waId!, to, mediaId));
    }

    /// <summary>The message's type and content, as Meta writes them.</summary>
    private static (JsonObject Body, string? MediaId) Content(SimulatedMessage message, SandboxMedia media)
    {
        switch (message.Type)
        {
            case "image":
                var image = media.Add("image/png", SandboxMedia.SampleImage);
                var content = new JsonObject { ["mime_type"] = image.MimeType, ["sha256"] = image.Sha256, ["id"] = image.Id };
                if (message.Caption is not null) content["caption"] = message.Caption;
                return (new JsonObject { ["type"] = "image", ["image"] = content }, image.Id);
            case "button":
                return (new JsonObject
                {
                    ["type"] = "button",
                    ["button"] = new JsonObject { ["payload"] = message.Payload ?? message.Text, ["text"] = message.Text },
                }, null);
            default:
                return (new JsonObject { ["type"] = "text", ["text"] = new JsonObject { ["body"] = message.Text } }, null);
        }
    }
}
