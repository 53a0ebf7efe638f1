using System.Globalization;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Outbound;

namespace Conecta.Channels.Channels.Telegram.BotApi;

/// <summary>A command as one Bot API call: the method and its exact body (pure).</summary>
internal sealed record BotCall(string Method, BotSend Body);

/// <summary>Turns a (validated, see <see cref="TelegramCommandRule"/>) command into its Bot API call.</summary>
internal static class BotApiMessages
{
    public static BotCall For(OutboundCommand command) => command.Body switch
    {
        SendText t => new BotCall("sendMessage", Addressed(t.To, t.ReplyTo) with
        {
            Text = t.Text,
            // Telegram previews links unless told not to; the command's default is no preview, as on WhatsApp.
            LinkPreviewOptions = t.PreviewUrl ? null : new BotLinkPreview(IsDisabled: true),
        }),
        // A link or an uploaded file id goes in the same field. The Bot API names a linked document itself: FileName cannot travel.
        SendMedia m => Media(m, Addressed(m.To, m.ReplyTo) with { Caption = m.Caption }, m.Link ?? m.MediaId!),
        // Reply buttons and a list's rows are an inline keyboard, one button a row; the contact's press is a callback_query.
        SendInteractive i => new BotCall("sendMessage", Addressed(i.To, i.ReplyTo) with
        {
            Text = string.Join("\n\n", new[] { i.Header, i.Body, i.Footer }.Where(part => part is not null)),
            ReplyMarkup = new BotInlineKeyboard(Choices(i).Select(c => (IReadOnlyList<BotInlineButton>)[new BotInlineButton(c.Title, c.Id)]).ToList()),
        }),
        SendLocation { Name: { } name, Address: { } address } l => new BotCall("sendVenue", Addressed(l.To, l.ReplyTo) with
        {
            Latitude = l.Latitude, Longitude = l.Longitude, Title = name, Address = address,
        }),
        SendLocation l => new BotCall("sendLocation", Addressed(l.To, l.ReplyTo) with { Latitude = l.Latitude, Longitude = l.Longitude }),
        ShowTyping t => new BotCall("sendChatAction", Addressed(t.To, replyTo: null) with { Action = "typing" }),
        SendContacts { Contacts: [var card] } c => new BotCall("sendContact", Addressed(c.To, c.ReplyTo) with
        {
            PhoneNumber = card.Phones[0].Phone,
            FirstName = card.FirstName ?? card.FormattedName,
        }),
        _ => throw new ArgumentException($"{command.Body.GetType().Name} has no Telegram equivalent", nameof(command)),
    };

    /// <summary>The (id, title) pairs a button or list message offers, in order.</summary>
    internal static IEnumerable<(string Id, string Title)> Choices(SendInteractive message) => message.Kind == "button"
        ? message.Buttons!.Select(b => (b.Id, b.Title))
        : message.Sections!.SelectMany(s => s.Rows).Select(r => (r.Id, r.Title));

    private static BotSend Addressed(string to, string? replyTo) => new()
    {
        ChatId = long.Parse(ChatIds.Canonical(to)!, CultureInfo.InvariantCulture),
        ReplyParameters = replyTo is null ? null : new BotReply(long.Parse(replyTo, CultureInfo.InvariantCulture), AllowSendingWithoutReply: true),
    };

    private static BotCall Media(SendMedia media, BotSend send, string file) => media.Kind switch
    {
        "image" => new BotCall("sendPhoto", send with { Photo = file }),
        "video" => new BotCall("sendVideo", send with { Video = file }),
        // A voice note is Telegram's own kind of audio (OGG/Opus, shown with a waveform), as WhatsApp's is.
        "audio" when media.Voice => new BotCall("sendVoice", send with { Voice = file }),
        "audio" => new BotCall("sendAudio", send with { Audio = file }),
        "document" => new BotCall("sendDocument", send with { Document = file }),
        "sticker" => new BotCall("sendSticker", send with { Sticker = file }),
        _ => throw new ArgumentException($"Unknown media kind {media.Kind}", nameof(media)),
    };
}
