using System.Text;
using System.Text.Json;
using Conecta.Channels.Channels.Telegram.Payloads;
using Conecta.Channels.Contracts.Events;

namespace Conecta.Channels.Channels.Telegram;

/// <summary>What one webhook body turned into: its event, or why it cannot be read (then it goes to the dead letters whole).</summary>
/// <param name="CallbackQueryId">Set for a button press, which the webhook's answer acknowledges.</param>
internal sealed record MappedUpdate(InboundEvent? Event, string? CallbackQueryId, string? Unreadable)
{
    public static MappedUpdate Failed(string reason) => new(null, null, reason);
}

/// <summary>
/// Maps one Telegram Update (a webhook POST carries exactly one) to the bus contracts. Pure: no I/O; the receive time
/// only stands in for the timestamp a callback query lacks. The EventId is derived from the bot and the update_id, so a
/// redelivered update is recognized whatever it carries.
/// </summary>
internal static class TelegramUpdates
{
    public const string Channel = "telegram";

    public static MappedUpdate Map(byte[] body, string botId, DateTimeOffset receivedAt)
    {
        UpdatePayload? update;
        try
        {
            update = JsonSerializer.Deserialize(body, TelegramJsonContext.Default.UpdatePayload);
        }
        catch (JsonException e)
        {
            return MappedUpdate.Failed($"invalid JSON: {e.Message}");
        }
        if (update?.UpdateId is not { } updateId) return MappedUpdate.Failed("not an Update: no update_id");

        var eventId = EventIds.From(Channel, botId, "update", updateId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var raw = Encoding.UTF8.GetString(body);
        if (update.Message is { } message)
            return Message(eventId, botId, message, edited: false, raw);
        if (update.EditedMessage is { } edited)
            return Message(eventId, botId, edited, edited: true, raw);
        if (update.CallbackQuery is { } callback)
            return Callback(eventId, botId, callback, receivedAt, raw);
        // my_chat_member (the user blocked or restarted the bot), channel posts, polls, …: published rather than dropped.
        if (update.Other?.Keys.FirstOrDefault() is { } kind)
            return new MappedUpdate(InboundEvent.Of(eventId, new ChannelNotificationReceived(eventId, Channel, "", botId, kind, raw)), null, null);
        return MappedUpdate.Failed($"update {updateId} carries nothing");
    }

    private static MappedUpdate Message(Guid eventId, string botId, MessagePayload message, bool edited, string raw)
    {
        if (message.Chat is not { } chat) return MappedUpdate.Failed("a message without chat");
        var messageId = ChatIds.Of(message.MessageId);
        var (type, content) = Content(message);
        // An edit has no id of its own: it names the message it changed, and is dated when it was made.
        var received = new InboundMessageReceived(eventId, Channel, botId, BusinessAccountId: null, BusinessNumber: null,
            messageId, Identity(chat, message.From), Unix(edited ? message.EditDate ?? message.Date : message.Date),
            edited ? "edit" : type, edited ? content with { TargetMessageId = messageId } : content,
            Context(message), Referral: null, Errors: [], raw);
        return new MappedUpdate(InboundEvent.Of(eventId, received), null, null);
    }

    private static MappedUpdate Callback(Guid eventId, string botId, CallbackQueryPayload callback, DateTimeOffset receivedAt, string raw)
    {
        if (callback is not { Id: { } id, From: { } from }) return MappedUpdate.Failed("a callback_query without id or from");
        var pressed = callback.Message?.ReplyMarkup?.InlineKeyboard?.SelectMany(row => row)
            .FirstOrDefault(button => button.CallbackData is not null && button.CallbackData == callback.Data);
        // The button's message is the bot's own; the chat is the contact's. A button of an inline message has no chat: the user's.
        var chat = callback.Message?.Chat ?? new ChatPayload { Id = from.Id, Type = "private" };
        var context = callback.Message is { } origin
            ? new MessageContext(ChatIds.Of(origin.MessageId), origin.From is { } bot ? ChatIds.Of(bot.Id) : null, false, false, null)
            : null;
        var received = new InboundMessageReceived(eventId, Channel, botId, BusinessAccountId: null, BusinessNumber: null,
            id, Identity(chat, from), receivedAt, "interactive",
            new MessageContent { Reply = new ReplyContent("callback_query", callback.Data ?? callback.GameShortName, pressed?.Text, null, null) },
            context, Referral: null, Errors: [], raw);
        return new MappedUpdate(InboundEvent.Of(eventId, received), id, null);
    }

    /// <summary>The contact is the chat (where replies go); the provider id is the user who wrote, the same in a private chat.</summary>
    private static ContactIdentity Identity(ChatPayload chat, UserPayload? from) =>
        new(ChatIds.Of(chat.Id), ChatIds.Of(from?.Id ?? chat.Id), Phone: null, UserId: null, ParentUserId: null,
            from is null ? chat.Username : from.Username,
            from is null ? chat.Title ?? Name(chat.FirstName, chat.LastName) : Name(from.FirstName, from.LastName));

    private static string? Name(string? first, string? last) =>
        string.Join(' ', new[] { first, last }.Where(part => !string.IsNullOrWhiteSpace(part))) is { Length: > 0 } name ? name : null;

    internal static (string Type, MessageContent Content) Content(MessagePayload message) => message switch
    {
        { Text: { } text } => ("text", new MessageContent { Text = text }),
        // An animation also comes as a document, for old clients: it is the animation.
        { Animation: { } gif } => ("video", Media("video", gif, message.Caption, animated: true)),
        { Photo: [_, ..] sizes } => ("image", Media("image", sizes.MaxBy(s => (long)(s.Width ?? 0) * (s.Height ?? 0))!, message.Caption)),
        { Video: { } video } => ("video", Media("video", video, message.Caption)),
        { VideoNote: { } note } => ("video", Media("video", note, caption: null)),
        { Voice: { } voice } => ("audio", Media("audio", voice, message.Caption, voice: true)),
        { Audio: { } audio } => ("audio", Media("audio", audio, message.Caption)),
        { Document: { } document } => ("document", Media("document", document, message.Caption)),
        { Sticker: { } sticker } => ("sticker", Media("sticker", sticker, caption: null, animated: sticker.IsAnimated || sticker.IsVideo)),
        // A venue also comes with its location: it is the venue.
        { Venue: { Location: { } at } venue } => ("location", new MessageContent
        {
            Location = new LocationContent(at.Latitude, at.Longitude, venue.Title, venue.Address, null),
        }),
        { Location: { } at } => ("location", new MessageContent { Location = new LocationContent(at.Latitude, at.Longitude, null, null, null) }),
        { Contact: { } card } => ("contacts", new MessageContent
        {
            Contacts = [new SharedContact(Name(card.FirstName, card.LastName), [new SharedPhone(card.PhoneNumber, WaId: null, Type: null)], [])],
        }),
        // Polls, dice, games, stories, payments, service messages, …: RawJson keeps them whole.
        _ => ("unsupported", new MessageContent()),
    };

    private static MessageContent Media(string kind, FilePayload file, string? caption, bool voice = false, bool animated = false) => new()
    {
        Media = new MediaContent(kind, file.FileId, file.MimeType, Sha256: null, caption, file.FileName, Url: null, voice, animated),
    };

    private static MessageContext? Context(MessagePayload message)
    {
        var forwarded = message.ForwardOrigin is { ValueKind: JsonValueKind.Object };
        if (message.ReplyToMessage is null && !forwarded) return null;
        var quoted = message.ReplyToMessage;
        return new MessageContext(quoted is null ? null : ChatIds.Of(quoted.MessageId), quoted?.From is { } author ? ChatIds.Of(author.Id) : null,
            forwarded, FrequentlyForwarded: false, ReferredProductId: null);
    }

    private static DateTimeOffset Unix(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);
}
