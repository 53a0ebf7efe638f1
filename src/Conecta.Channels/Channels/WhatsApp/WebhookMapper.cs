using System.Globalization;
using System.Text.Json;
using Conecta.Channels.Channels.WhatsApp.Graph;
using Conecta.Channels.Channels.WhatsApp.Payloads;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Phones;

namespace Conecta.Channels.Channels.WhatsApp;

/// <summary>What a signed webhook body turned into: events to publish, and the parts that could not be understood.</summary>
internal sealed record MappedWebhook(IReadOnlyList<InboundEvent> Events, IReadOnlyList<string> Problems);

/// <summary>The body is signed but is not a WhatsApp webhook at all; it goes to the dead letters whole.</summary>
internal sealed class UnreadableWebhookException(string reason, Exception? inner = null) : Exception(reason, inner);

/// <summary>
/// Maps every entry, change, message and status of a WhatsApp webhook to the bus contracts. Pure:
/// no I/O, the receive time is passed in (it only stands in for a missing provider timestamp).
/// </summary>
internal static class WebhookMapper
{
    public const string Channel = "whatsapp";

    public static MappedWebhook Map(ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        WebhookPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(body, WhatsAppJsonContext.Default.WebhookPayload);
        }
        catch (JsonException e)
        {
            throw new UnreadableWebhookException($"invalid JSON: {e.Message}", e);
        }

        if (payload is null) throw new UnreadableWebhookException("the body is JSON null");
        if (payload.Object != "whatsapp_business_account")
            throw new UnreadableWebhookException($"unexpected object '{payload.Object}'");
        if (payload.Entry is null) throw new UnreadableWebhookException("no entry array");

        var events = new List<InboundEvent>();
        var problems = new List<string>();
        foreach (var entry in payload.Entry)
        {
            if (entry is null)
            {
                problems.Add("an entry is JSON null");
                continue;
            }
            foreach (var change in entry.Changes ?? [])
            {
                if (change is null)
                {
                    problems.Add($"entry {entry.Id}: a change is JSON null");
                    continue;
                }
                var where = $"entry {entry.Id} field {change.Field}";
                try
                {
                    MapChange(entry, change, receivedAt, events, problems, where);
                }
                catch (Exception e) when (IsUnreadable(e))
                {
                    problems.Add($"{where}: {e.Message}");
                }
            }
        }

        return new MappedWebhook(events, problems);
    }

    private static bool IsUnreadable(Exception e) => e is JsonException or InvalidOperationException or UnreadableWebhookException;

    private static void MapChange(WebhookEntry entry, WebhookChange change, DateTimeOffset receivedAt, List<InboundEvent> events,
        List<string> problems, string where)
    {
        if (change.Value.ValueKind != JsonValueKind.Object)
            throw new UnreadableWebhookException("the change value is not an object");

        var wabaId = entry.Id ?? "";
        var field = change.Field ?? "unknown";
        switch (field)
        {
            case "messages":
                MapMessagesChange(wabaId, change.Value, receivedAt, events, problems, where);
                break;
            case "smb_message_echoes":
                MapEchoesChange(wabaId, change.Value, receivedAt, events, problems, where);
                break;
            case "user_preferences":
                MapPreferencesChange(wabaId, change.Value, receivedAt, events, problems, where);
                break;
            case "message_template_status_update" or "message_template_quality_update"
                or "template_category_update" or "message_template_components_update":
                events.Add(MapTemplateChange(wabaId, field, entry.Time, change.Value));
                break;
            case "account_update" or "account_review_update" or "account_alerts" or "phone_number_quality_update"
                or "phone_number_name_update" or "business_capability_update" or "security":
                events.Add(MapAccountChange(wabaId, field, entry.Time, change.Value));
                break;
            default:
                events.Add(Notification(wabaId, PhoneNumberIdOf(change.Value), field, change.Value.GetRawText()));
                break;
        }
    }

    private static void MapMessagesChange(string wabaId, JsonElement value, DateTimeOffset receivedAt, List<InboundEvent> events,
        List<string> problems, string where)
    {
        var messages = value.Deserialize(WhatsAppJsonContext.Default.MessagesValue)!;
        var accountId = messages.Metadata?.PhoneNumberId;
        if (string.IsNullOrEmpty(accountId)) throw new UnreadableWebhookException("metadata.phone_number_id is missing");

        var business = new BusinessRef(accountId, wabaId, messages.Metadata!.DisplayPhoneNumber);
        var contacts = (messages.Contacts ?? []).OfType<ContactPayload>().ToList();

        // One unreadable message or status must not cost its siblings in the same change their events.
        MapEach(messages.Messages, raw => MapMessage(business, contacts, raw, receivedAt), $"{where} message", events, problems);
        MapEach(messages.Statuses, status => MapStatus(business, contacts, status, receivedAt), $"{where} status", events, problems);

        // Out-of-band errors, or a shape we do not know yet: published as they are rather than dropped.
        if ((messages.Messages is not { Count: > 0 } && messages.Statuses is not { Count: > 0 }) || messages.Errors is { Count: > 0 })
            events.Add(Notification(wabaId, accountId, "messages", value.GetRawText()));
    }

    /// <summary>Coexistence: each message the business sent from the WhatsApp Business app, as a typed echo in its contact's thread.</summary>
    private static void MapEchoesChange(string wabaId, JsonElement value, DateTimeOffset receivedAt, List<InboundEvent> events,
        List<string> problems, string where)
    {
        var echoes = value.Deserialize(WhatsAppJsonContext.Default.MessagesValue)!;
        var accountId = echoes.Metadata?.PhoneNumberId;
        if (string.IsNullOrEmpty(accountId)) throw new UnreadableWebhookException("metadata.phone_number_id is missing");
        var contacts = (echoes.Contacts ?? []).OfType<ContactPayload>().ToList();
        MapEach(echoes.MessageEchoes, raw => MapEcho(accountId, wabaId, contacts, raw, receivedAt), $"{where} echo", events, problems);
    }

    private static InboundEvent MapEcho(string accountId, string wabaId, List<ContactPayload> contacts, JsonElement raw, DateTimeOffset receivedAt)
    {
        var rawJson = raw.GetRawText();
        var echo = LenientMessageReader.Read(raw, out _) ?? throw new UnreadableWebhookException("an echo is JSON null");
        var providerId = echo.Id ?? "no-id:" + EventIds.Fingerprint(rawJson);
        var contact = FindContact(contacts, echo.To, echo.ToUserId);
        var identity = Identity(echo.To ?? contact?.WaId, echo.ToUserId ?? contact?.UserId, echo.ToParentUserId ?? contact?.ParentUserId,
            contact?.Profile, fallback: "unknown:" + providerId);
        var (type, content) = MapContent(echo);
        var echoed = new BusinessMessageEchoed(EventIds.From(Channel, accountId, "echo", providerId), Channel, accountId, wabaId, providerId,
            identity, ParseUnixTime(echo.Timestamp) ?? receivedAt, type, content, rawJson);
        return InboundEvent.Of(echoed.EventId, echoed);
    }

    /// <summary>Each contact's marketing preference (stop, resume), keyed like the contact's messages.</summary>
    private static void MapPreferencesChange(string wabaId, JsonElement value, DateTimeOffset receivedAt, List<InboundEvent> events,
        List<string> problems, string where)
    {
        var change = value.Deserialize(WhatsAppJsonContext.Default.MessagesValue)!;
        var accountId = change.Metadata?.PhoneNumberId;
        if (string.IsNullOrEmpty(accountId)) throw new UnreadableWebhookException("metadata.phone_number_id is missing");
        var contacts = (change.Contacts ?? []).OfType<ContactPayload>().ToList();
        MapEach(change.UserPreferences, raw =>
        {
            var preference = raw.Deserialize(WhatsAppJsonContext.Default.UserPreferencePayload);
            if (preference is not { Value.Length: > 0, Category.Length: > 0 } || (preference.WaId ?? preference.UserId) is null)
                throw new UnreadableWebhookException("a user preference without its contact, category or value");
            var contact = FindContact(contacts, preference.WaId, preference.UserId);
            var at = ParseUnixTime(preference.Timestamp) ?? receivedAt;
            var identity = Identity(preference.WaId, preference.UserId ?? contact?.UserId, contact?.ParentUserId, contact?.Profile, fallback: "unknown");
            var rawJson = raw.GetRawText();
            var changed = new MarketingPreferenceChanged(
                EventIds.From(Channel, accountId, "user_preferences", identity.ContactKey, preference.Category, preference.Value, preference.Timestamp),
                Channel, accountId, wabaId, identity, preference.Category, preference.Value, preference.Detail, at, rawJson);
            return InboundEvent.Of(changed.EventId, changed);
        }, $"{where} user preference", events, problems);
    }

    private static void MapEach<T>(List<T>? items, Func<T, InboundEvent> map, string what, List<InboundEvent> events, List<string> problems)
    {
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            try
            {
                events.Add(map(items![i]));
            }
            catch (Exception e) when (IsUnreadable(e))
            {
                problems.Add($"{what} {i}: {e.Message}");
            }
        }
    }

    private sealed record BusinessRef(string AccountId, string WabaId, string? DisplayNumber);

    private static InboundEvent MapMessage(BusinessRef business, List<ContactPayload> contacts, JsonElement raw, DateTimeOffset receivedAt)
    {
        var rawJson = raw.GetRawText();
        // A field of a type we do not expect costs that field, not the message: the agent must still see it (RawJson keeps it all).
        var message = LenientMessageReader.Read(raw, out var unread)
            ?? throw new UnreadableWebhookException("a message is JSON null");
        var providerId = message.Id ?? "no-id:" + EventIds.Fingerprint(rawJson);
        var contact = FindContact(contacts, message.From, message.FromUserId);
        var identity = Identity(message.From ?? contact?.WaId, message.FromUserId ?? contact?.UserId,
            message.FromParentUserId ?? contact?.ParentUserId, contact?.Profile, fallback: "unknown:" + providerId);
        var (type, content) = MapContent(message);

        var received = new InboundMessageReceived(
            EventIds.From(Channel, business.AccountId, "message", providerId),
            Channel,
            business.AccountId,
            business.WabaId,
            business.DisplayNumber,
            providerId,
            identity,
            ParseUnixTime(message.Timestamp) ?? receivedAt,
            type,
            content,
            MapContext(message.Context),
            MapReferral(message.Referral),
            MapErrors(message.Errors),
            rawJson,
            unread.Count == 0 ? null : unread);
        return InboundEvent.Of(received.EventId, received);
    }

    internal static (string Type, MessageContent Content) MapContent(MessagePayload message) => message.Type switch
    {
        "text" => ("text", new MessageContent { Text = message.Text?.Body }),
        "image" => ("image", Media("image", message.Image)),
        "video" => ("video", Media("video", message.Video)),
        "audio" => ("audio", Media("audio", message.Audio)),
        "document" => ("document", Media("document", message.Document)),
        "sticker" => ("sticker", Media("sticker", message.Sticker)),
        "location" when message.Location is { } l => ("location", new MessageContent
        {
            Location = new LocationContent(l.Latitude, l.Longitude, l.Name, l.Address, l.Url),
        }),
        "contacts" => ("contacts", new MessageContent
        {
            Contacts = (message.Contacts ?? []).OfType<ContactCardPayload>().Select(MapSharedContact).ToList(),
        }),
        "interactive" => ("interactive", new MessageContent { Reply = MapInteractive(message.Interactive) }),
        "button" => ("button", new MessageContent
        {
            Reply = new ReplyContent("template_button", message.Button?.Payload, message.Button?.Text, null, null),
        }),
        "reaction" => ("reaction", new MessageContent
        {
            Reaction = new ReactionContent(message.Reaction?.MessageId, message.Reaction?.Emoji),
        }),
        "order" => ("order", new MessageContent { Order = MapOrder(message.Order) }),
        "system" => ("system", new MessageContent
        {
            System = new SystemContent(message.System?.Type, message.System?.Body,
                message.System?.NewWaId ?? message.System?.WaId, message.System?.NewUserId ?? message.System?.UserId),
        }),
        "edit" => ("edit", (message.Edit?.Message is { } edited ? MapContent(edited).Content : new MessageContent())
            with { TargetMessageId = message.Edit?.OriginalMessageId }),
        "revoke" => ("revoke", new MessageContent { TargetMessageId = message.Revoke?.OriginalMessageId }),
        "request_welcome" => ("request_welcome", new MessageContent()),
        // unsupported, unknown (older name) and any type newer than this code: the raw JSON travels with it.
        _ => ("unsupported", new MessageContent()),
    };

    private static MessageContent Media(string kind, MediaPayload? media) => new()
    {
        Media = new MediaContent(kind, media?.Id, media?.MimeType, media?.Sha256, media?.Caption, media?.Filename,
            media?.Url, media?.Voice ?? false, media?.Animated ?? false),
    };

    private static SharedContact MapSharedContact(ContactCardPayload card) => new(
        card.Name?.FormattedName,
        (card.Phones ?? []).OfType<ContactPhonePayload>().Select(p => new SharedPhone(p.Phone, p.WaId, p.Type)).ToList(),
        (card.Emails ?? []).OfType<ContactEmailPayload>().Select(e => e.Email).OfType<string>().ToList());

    private static ReplyContent? MapInteractive(InteractivePayload? interactive) => interactive switch
    {
        null => null,
        { ButtonReply: { } b } => new ReplyContent(interactive.Type ?? "button_reply", b.Id, b.Title, null, null),
        { ListReply: { } l } => new ReplyContent(interactive.Type ?? "list_reply", l.Id, l.Title, l.Description, null),
        { NfmReply: { } f } => new ReplyContent(interactive.Type ?? "nfm_reply", null, f.Name, f.Body, f.ResponseJson),
        { CallPermissionReply: { } c } => new ReplyContent(interactive.Type ?? "call_permission_reply", c.Response, null, null, null),
        _ => new ReplyContent(interactive.Type ?? "unknown", null, null, null, null),
    };

    private static OrderContent? MapOrder(OrderPayload? order) => order is null
        ? null
        : new OrderContent(order.CatalogId, order.Text,
            (order.ProductItems ?? []).OfType<OrderItemPayload>()
                .Select(i => new OrderItem(i.ProductRetailerId, i.Quantity, i.ItemPrice, i.Currency)).ToList());

    private static MessageContext? MapContext(ContextPayload? context) => context is null
        ? null
        : new MessageContext(context.Id, context.From, context.Forwarded, context.FrequentlyForwarded,
            context.ReferredProduct?.ProductRetailerId);

    private static AdReferral? MapReferral(ReferralPayload? r) => r is null
        ? null
        : new AdReferral(r.SourceUrl, r.SourceId, r.SourceType, r.Headline, r.Body, r.MediaType, r.CtwaClid);

    private static InboundEvent MapStatus(BusinessRef business, List<ContactPayload> contacts, StatusPayload? status, DateTimeOffset receivedAt)
    {
        if (status is null) throw new UnreadableWebhookException("a status is JSON null");
        if (string.IsNullOrEmpty(status.Id) || string.IsNullOrEmpty(status.Status))
            throw new UnreadableWebhookException("a status without id or status");

        var contact = FindContact(contacts, status.RecipientId, status.RecipientUserId);
        var recipient = Identity(status.RecipientId ?? contact?.WaId, status.RecipientUserId ?? contact?.UserId,
            status.ParentRecipientUserId ?? contact?.ParentUserId, contact?.Profile, fallback: "unknown:" + status.Id);

        var errors = MapErrors(status.Errors);
        var changed = new MessageStatusChanged(
            EventIds.From(Channel, business.AccountId, "status", status.Id, status.Status),
            Channel,
            business.AccountId,
            business.WabaId,
            status.Id,
            status.Status,
            ParseUnixTime(status.Timestamp) ?? receivedAt,
            recipient,
            status.RecipientType,
            status.BizOpaqueCallbackData,
            status.Conversation is { } c
                ? new ConversationInfo(c.Id, ParseUnixTime(c.ExpirationTimestamp), c.Origin?.Type)
                : null,
            status.Pricing is { } p ? new PricingInfo(p.Billable, p.PricingModel, p.Category, p.Type) : null,
            errors,
            // Our sends carry their CommandId as biz_opaque_callback_data, so even a status that
            // overtakes the send's HTTP response is correlated.
            Guid.TryParse(status.BizOpaqueCallbackData, out var commandId) ? commandId : null,
            status.Status == "failed" && errors is [var first, ..] ? GraphErrors.Classify(first.Code, httpStatus: 400).Reason : null);
        return InboundEvent.Of(changed.EventId, changed);
    }

    private static InboundEvent MapTemplateChange(string wabaId, string field, string? time, JsonElement value)
    {
        var t = value.Deserialize(WhatsAppJsonContext.Default.TemplateChangeValue)!;
        var rawJson = value.GetRawText();
        var (change, previous, current) = field switch
        {
            "message_template_status_update" => ("status", null, t.Event),
            "message_template_quality_update" => ("quality", t.PreviousQualityScore, t.NewQualityScore),
            "template_category_update" => ("category", t.PreviousCategory, t.NewCategory),
            _ => ("components", null, null),
        };
        var changed = new TemplateStatusChanged(
            EventIds.From(Channel, wabaId, field, t.MessageTemplateId, time, EventIds.Fingerprint(rawJson)),
            Channel,
            wabaId,
            change,
            t.MessageTemplateId,
            t.MessageTemplateName,
            t.MessageTemplateLanguage,
            t.Event,
            t.Reason,
            t.MessageTemplateCategory ?? t.NewCategory,
            previous,
            current,
            ParseUnixTime(time),
            rawJson);
        return InboundEvent.Of(changed.EventId, changed);
    }

    private static InboundEvent MapAccountChange(string wabaId, string field, string? time, JsonElement value)
    {
        var a = value.Deserialize(WhatsAppJsonContext.Default.AccountChangeValue)!;
        var rawJson = value.GetRawText();
        var changed = new ChannelAccountChanged(
            EventIds.From(Channel, wabaId, field, time, EventIds.Fingerprint(rawJson)),
            Channel,
            wabaId,
            a.DisplayPhoneNumber,
            field,
            a.Event,
            a.QualityRating ?? (field == "phone_number_quality_update" ? a.Event : null),
            a.WhatsappBusinessManagerMessagingLimit ?? a.CurrentLimit,
            ParseUnixTime(time),
            rawJson,
            Standing(field, a));
        return InboundEvent.Of(changed.EventId, changed);
    }

    /// <summary>
    /// What Meta's account webhooks say of a number's standing: DISABLED_UPDATE with ban state DISABLE (disabled) or REINSTATE (active);
    /// ACCOUNT_RESTRICTION with restrictions (restricted) or none (active); a quality update FLAGGED (flagged) or UNFLAGGED (active).
    /// Anything else says nothing of it.
    /// </summary>
    internal static string? Standing(string field, AccountChangeValue change) => (field, change.Event) switch
    {
        ("account_update", "DISABLED_UPDATE") => change.BanInfo?.WabaBanState switch
        {
            "DISABLE" => "disabled",
            "REINSTATE" => "active",
            _ => null,
        },
        ("account_update", "ACCOUNT_RESTRICTION") => change.RestrictionInfo?.OfType<RestrictionPayload>().Any() == true ? "restricted" : "active",
        ("phone_number_quality_update", "FLAGGED") => "flagged",
        ("phone_number_quality_update", "UNFLAGGED") => "active",
        _ => null,
    };

    private static InboundEvent Notification(string wabaId, string? accountId, string field, string rawJson)
    {
        var notification = new ChannelNotificationReceived(
            EventIds.From(Channel, wabaId, field, EventIds.Fingerprint(rawJson)), Channel, wabaId, accountId, field, rawJson);
        return InboundEvent.Of(notification.EventId, notification);
    }

    // A lone contacts[] entry stands in for a sender it does not name, but never for one it contradicts:
    // another person's BSUID or name must not be attached to this number.
    private static ContactPayload? FindContact(List<ContactPayload> contacts, string? waId, string? userId) =>
        contacts.Find(c => SameId(waId, c.WaId) || SameId(userId, c.UserId))
        ?? (contacts.Count == 1 && !Contradicts(contacts[0], waId, userId) ? contacts[0] : null);

    private static bool Contradicts(ContactPayload contact, string? waId, string? userId) =>
        (!string.IsNullOrEmpty(waId) && !string.IsNullOrEmpty(contact.WaId) && !SameId(waId, contact.WaId)) ||
        (!string.IsNullOrEmpty(userId) && !string.IsNullOrEmpty(contact.UserId) && !SameId(userId, contact.UserId));

    // Numbers compare canonically, so an id without Brazil's ninth digit still finds its contact.
    private static bool SameId(string? a, string? b) =>
        !string.IsNullOrEmpty(a) && !string.IsNullOrEmpty(b) &&
        (a == b || (ContactKeys.CanonicalPhone(a) is { } phone && phone == ContactKeys.CanonicalPhone(b)));

    // calls, echoes, groups and user preferences name the business number the way messages do.
    private static string? PhoneNumberIdOf(JsonElement value) =>
        value.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object &&
        metadata.TryGetProperty("phone_number_id", out var id)
            ? id.ValueKind switch
            {
                JsonValueKind.String => id.GetString(),
                JsonValueKind.Number => id.GetRawText(),
                _ => null,
            }
            : null;

    private static ContactIdentity Identity(string? providerId, string? userId, string? parentUserId, ProfilePayload? profile, string fallback)
    {
        var phone = ContactKeys.CanonicalPhone(providerId);
        return new ContactIdentity(ContactKeys.For(phone, userId, fallback), providerId, phone, userId, parentUserId,
            profile?.Username, profile?.Name);
    }

    private static List<ProviderError> MapErrors(List<ErrorPayload?>? errors) =>
        errors is null
            ? []
            : errors.OfType<ErrorPayload>().Select(e => new ProviderError(e.Code, e.Title, e.Message, e.ErrorData?.Details)).ToList();

    private static DateTimeOffset? ParseUnixTime(string? seconds) =>
        long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s is > 0 and < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(s)
            : null;
}
