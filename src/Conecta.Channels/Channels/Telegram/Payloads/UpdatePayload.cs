using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conecta.Channels.Channels.Telegram.Payloads;

// The parts of the Bot API's Update the service maps (https://core.telegram.org/bots/api#update). Every field is
// optional here: a missing one is judged by the mapper, which keeps the whole update as RawJson anyway.

internal sealed class UpdatePayload
{
    public long? UpdateId { get; init; }
    public MessagePayload? Message { get; init; }
    public MessagePayload? EditedMessage { get; init; }
    public CallbackQueryPayload? CallbackQuery { get; init; }

    /// <summary>Every other kind of update (my_chat_member, channel_post, poll, …): named by its one field.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}

internal sealed class MessagePayload
{
    public long MessageId { get; init; }
    public UserPayload? From { get; init; }
    public ChatPayload? Chat { get; init; }
    public long Date { get; init; }
    public long? EditDate { get; init; }
    public MessagePayload? ReplyToMessage { get; init; }
    public JsonElement? ForwardOrigin { get; init; }
    public string? Text { get; init; }
    public string? Caption { get; init; }
    public List<FilePayload>? Photo { get; init; }
    public FilePayload? Animation { get; init; }
    public FilePayload? Audio { get; init; }
    public FilePayload? Document { get; init; }
    public FilePayload? Video { get; init; }
    public FilePayload? VideoNote { get; init; }
    public FilePayload? Voice { get; init; }
    public FilePayload? Sticker { get; init; }
    public ContactPayload? Contact { get; init; }
    public LocationPayload? Location { get; init; }
    public VenuePayload? Venue { get; init; }
    public InlineKeyboardPayload? ReplyMarkup { get; init; }
}

internal sealed class UserPayload
{
    public long Id { get; init; }
    public bool IsBot { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Username { get; init; }
}

internal sealed class ChatPayload
{
    public long Id { get; init; }
    public string? Type { get; init; }
    public string? Title { get; init; }
    public string? Username { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
}

/// <summary>PhotoSize, Animation, Audio, Document, Video, VideoNote, Voice and Sticker share what the mapper reads.</summary>
internal sealed class FilePayload
{
    public string? FileId { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
    public string? FileName { get; init; }
    public string? MimeType { get; init; }
    public bool IsAnimated { get; init; }
    public bool IsVideo { get; init; }
}

internal sealed class ContactPayload
{
    public string? PhoneNumber { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
}

internal sealed class LocationPayload
{
    public double Latitude { get; init; }
    public double Longitude { get; init; }
}

internal sealed class VenuePayload
{
    public LocationPayload? Location { get; init; }
    public string? Title { get; init; }
    public string? Address { get; init; }
}

internal sealed class CallbackQueryPayload
{
    public string? Id { get; init; }
    public UserPayload? From { get; init; }
    /// <summary>The bot's message that carried the button; an inaccessible one has only chat, message_id and date 0.</summary>
    public MessagePayload? Message { get; init; }
    public string? Data { get; init; }
    public string? GameShortName { get; init; }
}

internal sealed class InlineKeyboardPayload
{
    public List<List<InlineButtonPayload>>? InlineKeyboard { get; init; }
}

internal sealed class InlineButtonPayload
{
    public string? Text { get; init; }
    public string? CallbackData { get; init; }
}
