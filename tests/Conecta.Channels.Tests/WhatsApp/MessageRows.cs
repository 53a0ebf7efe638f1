using Conecta.Channels.Contracts.Events;
using static Conecta.Channels.Tests.WhatsApp.KnownContacts;

namespace Conecta.Channels.Tests.WhatsApp;

/// <summary>What one recorded inbound message must map to.</summary>
internal sealed record MessageRow(
    string Type,
    ContactIdentity Contact,
    long SentAt,
    MessageContent Content,
    MessageContext? Context = null,
    AdReferral? Referral = null,
    ProviderError[]? Errors = null);

/// <summary>The expected mapping of every file in whatsapp/messages, keyed by file name.</summary>
internal static class MessageRows
{
    private static readonly ProviderError Unsupported131051 = new(131051, "Message type unknown", "Message type unknown",
        "Message type is currently not supported.");

    private static readonly MessageContext Forwarded = new(null, null, Forwarded: true, FrequentlyForwarded: false, null);

    public static readonly IReadOnlyDictionary<string, MessageRow> ByFile = new Dictionary<string, MessageRow>
    {
        // text, reply context, forwards, product inquiry, Click-to-WhatsApp referral
        ["pywa-message-text.json"] = new("text", Pywa, 1697043223, Text("Body Text")),
        ["fb-openapi-text-message.json"] = new("text", Meta, 1749416383, Text("Does it come in another color?")),
        ["pywa-message-text-reply-context.json"] = new("text", Pywa, 1697044746, Text("replied text"),
            Reply("wamid.xyzxyz==", "972123456789")),
        ["pywa-message-text-forwarded.json"] = new("text", Pywa, 1697044815, Text("forwarded text"), Forwarded),
        ["pywa-message-text-frequently-forwarded.json"] = new("text", Pywa, 1697044968, Text("text forwarded many times"),
            new MessageContext(null, null, Forwarded: false, FrequentlyForwarded: true, null)),
        ["fb-openapi-text-message-with-context-product-inquiry.json"] = new("text", Meta, 1750016800,
            Text("Is this still available?"),
            new MessageContext("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGA9wcm9kdWN0X2lucXVpcnkA", "15550783881", false, false, "di9ozbzfi4")),
        ["pywa-message-text-referral-ctwa-ad.json"] = new("text", Pywa, 1697045000, Text("BODY"),
            Referral: new AdReferral("AD_OR_POST_FB_URL", "ADID", "ad or post", "AD_TITLE", "AD_DESCRIPTION", "image or video",
                "CTWA_CLID")),
        ["fb-openapi-text-message-from-ctwa-ad.json"] = new("text", Meta, 1750275992, Text("Hello! Can I get more info on this?"),
            Referral: new AdReferral("https://fb.me/3cr4Wqqkv", "120226305854810726", "ad", "Chat with us",
                "Summer Succulents are here!", "image",
                "Aff-n8ZTODiE79d22KtAwQKj9e_mIEOOj27vDVwFjN80dp4_0NiNhEgpGo0AHemvuSoifXaytfTzcchptiErTKCqTrJ5nW1h7IHYeYymGb5K5J5iTROpBhWAGaIAeUzHL50")),

        // media
        ["pywa-message-image.json"] = new("image", Pywa, 1697043379,
            Media("image", "65463453", "image/jpeg", "4654+8g=")),
        ["pywa-message-image-with-url.json"] = new("image", Pywa, 1697043379,
            Media("image", "65463453", "image/jpeg", "4654+8g=",
                url: "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=65463453&source=webhook&ext=487r9re&hash=heiwchueowbcew-dnedcw")),
        ["fb-openapi-image-message.json"] = new("image", Meta, 1744344496,
            Media("image", "1003383421387256", "image/jpeg", "SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=", caption: "Taj Mahal")),
        ["pywa-message-video-with-context.json"] = new("video", Pywa, 1697044362,
            Media("video", "765756756", "video/mp4", "Jh+2ij6PzUv/J2y+grrtegr/ZMzRxkEPwc24Oyib4s03w9Jc=", caption: "caption"),
            Forwarded),
        ["pywa-message-document-with-context.json"] = new("document", Pywa, 1697043666,
            Media("document", "1234567890987654321", "application/pdf", "grwfwe/ZPx0wAbdfbdeFUNItPZ0RylL8gGUvdt3YFqc18SY=",
                caption: "caption", fileName: "filename.pdf"),
            Forwarded),
        ["pywa-message-audio-voice.json"] = new("audio", Pywa, 1697043473,
            Media("audio", "1234567890987654321", "audio/ogg; codecs=opus", "m04pFf2ERdaopTyFkGPA0+bX3i+YY2dYgVFwOgDLSDI=",
                voice: true)),
        ["pywa-message-audio-with-context.json"] = new("audio", Pywa, 1697043509,
            Media("audio", "1234567890987654321", "audio/ogg; codecs=opus", "E3dxS/PdYZE7ppA3pQ4mpCFaXBJ8pX4SRN/dsfvds/iPGA="),
            Forwarded),
        ["pywa-message-sticker-static.json"] = new("sticker", Pywa, 1697043760,
            Media("sticker", "1234567890987654321", "image/webp", "OmT4nhjUhCMIPNmj7eeOZeCYjTXkLxoOv85OMCFwSuc=")),
        ["pywa-message-sticker-animated.json"] = new("sticker", Pywa, 1697043785,
            Media("sticker", "1234567890987654321", "image/webp", "HcwyCKrTKXHk0a00ms4HWIA76GY0Du6q4Z/iuwevw=", animated: true)),

        // reactions; an empty or absent emoji is a removed reaction
        ["pywa-message-reaction.json"] = new("reaction", Pywa, 1697044456, Reaction("wamid.yzxyzx=", "😮")),
        ["fb-openapi-reaction-message.json"] = new("reaction", Meta, 1749419544,
            Reaction("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0RTJEOTc2ODVERUY5RDlGNkYA", "👍")),
        ["pywa-message-reaction-removed-empty.json"] = new("reaction", Pywa, 1697044456, Reaction("wamid.yzxyzx=", "")),
        ["pywa-message-reaction-removed-no-emoji.json"] = new("reaction", Pywa, 1697044456, Reaction("wamid.yzxyzx=", null)),

        // location
        ["fb-openapi-location-message.json"] = new("location", Meta, 1744344496,
            Location(37.44221496582, -122.16165924072, "Philz Coffee", "101 Forest Ave, Palo Alto, CA 94301", "https://philzcoffee.com/")),
        ["pywa-message-location-chosen.json"] = new("location", Pywa, 1697044557,
            Location(37.4611978, -122.2164385, "Facebook HQ", "1 Hacker Way, Menlo Park, CA 94025",
                "https://maps.google.com/?cid=2000000000000000000"),
            Forwarded),
        ["pywa-message-location-current.json"] = new("location", Pywa, 1697044557,
            Location(12.25089, 43.90539, null, null, null), Forwarded),

        // shared contacts
        ["fb-openapi-contact-sharing-message.json"] = new("contacts", Meta, 1744344496,
            Contacts(Card("Lucía Gómez", new SharedPhone("+1 (983) 555-2319", "19835552319", "MOBILE")))),
        ["pywa-message-contacts.json"] = new("contacts", Pywa, 1697044621, Contacts(
            Card("Chandler Bing", new SharedPhone("+1 555-555-5555", "972987654321", "CELL")),
            Card("Monica", new SharedPhone("+1 666-666-6666", "972987654321", "HOME")),
            Card("Rachel Green", new SharedPhone("+1 777-777-7777", "972987654321", "WORK")))),

        // orders
        ["fb-openapi-order-message.json"] = new("order", Meta, 1750096325, Order("194836987003835", "",
            new OrderItem("di9ozbzfi4", 2, 30, "USD"), new OrderItem("nqryix03ez", 1, 25, "USD"))),
        ["pywa-message-order.json"] = new("order", Pywa, 1697044668, Order("354160437058781", "",
            new OrderItem("HAMBURGER", 3, 30, "ILS"), new OrderItem("FRENCH_FRIES", 2, 35, "ILS"), new OrderItem("SODA", 2, 10, "ILS"))),

        // system notices: these bodies carry no contacts[], so only the sender's number is known
        ["fb-openapi-system-message.json"] = new("system", Phone("16505551234"), 1750269342, System("user_changed_number",
            "User Sheena Nelson changed from 16505551234 to 12195555358", newProviderId: "12195555358")),
        ["pywa-message-system-phone-number-change.json"] = new("system", Phone("972987654321"), 1753851315,
            System("user_changed_number", "User A changed from 972987654321 to 972912345678", newProviderId: "972912345678")),
        ["pywa-message-system-identity-change.json"] = new("system", Phone("972987654321", name: "User A"), 1697044706,
            System("customer_identity_changed", "User identity changed")),

        // unsupported: the raw JSON and the provider's error travel with it
        ["fb-openapi-unsupported-message.json"] = new("unsupported", Meta, 1750090702, new MessageContent(),
            Errors: [Unsupported131051]),
        ["pywa-message-unsupported-with-errors.json"] = new("unsupported", Pywa, 1697044706, new MessageContent(),
            Errors: [Unsupported131051]),
        ["pywa-message-unsupported-with-type-and-errors.json"] = new("unsupported", Pywa, 1697044706, new MessageContent(),
            Errors: [Unsupported131051]),

        // interactive replies
        ["fb-openapi-interactive-button-reply-message.json"] = new("interactive", Meta, 1750025136,
            Answer("button_reply", "cancel-button", "Cancel"),
            Reply("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MEM2RUJFNkI0RENGQTVDRjUA", "15550783881")),
        ["pywa-message-interactive-button-reply.json"] = new("interactive", Pywa, 1698266730,
            Answer("button_reply", "callback_data", "title"), Reply("wamid.xyzxyz", "1122334455667")),
        ["fb-openapi-interactive-list-reply-message.json"] = new("interactive", Meta, 1749854575,
            Answer("list_reply", "priority_express", "Priority Mail Express", description: "Next Day to 2 Days"),
            Reply("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJGMzEyNzhENTZDMzNGODlDRDgA", "15550783881")),
        ["pywa-message-interactive-list-reply-callback.json"] = new("interactive", Pywa, 1698266905,
            Answer("list_reply", "callback_data", "title"), Reply("wamid.xyzxyz", "1122334455667")),
        ["pywa-message-interactive-list-reply-description.json"] = new("interactive", Pywa, 1698266905,
            Answer("list_reply", "callback_data", "title", description: "description"), Reply("wamid.xyzxyz", "1122334455667")),
        ["pywa-message-interactive-nfm-reply-completion.json"] = new("interactive", Pywa, 1702502473,
            Answer("nfm_reply", null, "flow", description: "Sent", responseJson:
                """{"comment_text":"Comment Text","delivery_rating":"4","flow_token":"AQAAAAACS5FpgQ_cAAAAAD0QI3s.","purchase_rating":"2","recommend_radio":"0","cs_rating":"0"}"""),
            Reply("wamid.gvwegfretge==", "972123456789")),
        ["pywa-message-interactive-nfm-reply-without-flow-token.json"] = new("interactive", Pywa, 1702502473,
            Answer("nfm_reply", null, "flow", description: "Sent", responseJson:
                """{"comment_text":"Comment Text","delivery_rating":"4","purchase_rating":"2","recommend_radio":"0","cs_rating":"0"}"""),
            Reply("wamid.gvwegfretge==", "972123456789")),
        ["pywa-message-interactive-call-permission-reply-accept.json"] = new("interactive", Pywa, 1752582182,
            Answer("call_permission_reply", "accept", null), Reply("wamid.y==", "1122334455667")),
        ["pywa-message-interactive-call-permission-reply-reject.json"] = new("interactive", Pywa, 1752582182,
            Answer("call_permission_reply", "reject", null), Reply("wamid.y==", "1122334455667")),
        // Meta could not render the interactive part: no reply, the change-level error becomes a notification.
        ["pywa-message-interactive-with-errors.json"] = new("interactive", Pywa, 1700505494, new MessageContent(),
            Reply("wamid.gvwegfretge==", "972123456789")),

        // template quick-reply buttons
        ["fb-openapi-button-message.json"] = new("button", Meta, 1750091045,
            Answer("template_button", "Unsubscribe", "Unsubscribe"),
            Reply("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJFNjk2OTMwNEZCQjhGMzUyQUYA", "15550783881")),
        ["pywa-message-button-template-quick-reply.json"] = new("button", Pywa, 1698269027,
            Answer("template_button", "callback_data", "title"), Reply("wamid.xyzxyz==", "972123456789")),
        ["pywa-message-button-template-quick-reply-no-context-from-user-id.json"] = new("button", Pywa, 1698269027,
            Answer("template_button", "callback_data", "title")),

        // edit and revoke point at the original message
        // The edit's sender is not the contact announced in contacts[] (another number), so none of
        // that contact's BSUID or name may be attributed to the sender.
        ["pywa-message-edit-image.json"] = new("edit", Phone("16505551234"), 1749854575,
            Media("image", "1234567890", "image/jpeg", "a1b2c3d4e5f6...", caption: "Updated image caption",
                url: "https://media.example.com/updated-image.jpg")
            with { TargetMessageId = "wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA=" }),
        // The sender is a placeholder, not a number, and differs from the announced contact: no key can be derived.
        ["pywa-message-revoke.json"] = new("revoke",
            new ContactIdentity("unknown:<WHATSAPP_MESSAGE_ID>", "<WHATSAPP_USER_PHONE_NUMBER>", null, null, null, null, null),
            1697043223, new MessageContent { TargetMessageId = "<ORIGINAL_WHATSAPP_MESSAGE_ID>" }),
    };

    private static MessageContext Reply(string messageId, string from) => new(messageId, from, false, false, null);

    private static MessageContent Text(string body) => new() { Text = body };

    private static MessageContent Media(string kind, string id, string mimeType, string sha256, string? caption = null,
        string? fileName = null, string? url = null, bool voice = false, bool animated = false) =>
        new() { Media = new MediaContent(kind, id, mimeType, sha256, caption, fileName, url, voice, animated) };

    private static MessageContent Reaction(string messageId, string? emoji) =>
        new() { Reaction = new ReactionContent(messageId, emoji) };

    private static MessageContent Location(double latitude, double longitude, string? name, string? address, string? url) =>
        new() { Location = new LocationContent(latitude, longitude, name, address, url) };

    private static MessageContent Contacts(params SharedContact[] cards) => new() { Contacts = cards };

    private static SharedContact Card(string formattedName, params SharedPhone[] phones) => new(formattedName, phones, []);

    private static MessageContent Order(string catalogId, string text, params OrderItem[] items) =>
        new() { Order = new OrderContent(catalogId, text, items) };

    private static MessageContent System(string kind, string body, string? newProviderId = null) =>
        new() { System = new SystemContent(kind, body, newProviderId, null) };

    private static MessageContent Answer(string kind, string? id, string? title, string? description = null,
        string? responseJson = null) => new() { Reply = new ReplyContent(kind, id, title, description, responseJson) };
}
