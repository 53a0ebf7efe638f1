using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Outbound;
using Conecta.Channels.Phones;

namespace Conecta.Channels.Channels.WhatsApp.Graph;

/// <summary>Turns a (validated) command into the exact Graph API message body (pure).</summary>
internal static class GraphMessages
{
    public static GraphMessage For(OutboundCommand command)
    {
        var callback = command.Callback;
        return command.Body switch
        {
            SendText t => Addressed(t.To, callback, t.ReplyTo) with { Type = "text", Text = new GraphText(t.Text, t.PreviewUrl) },
            SendMedia m => Media(m, Addressed(m.To, callback, m.ReplyTo) with { Type = m.Kind }),
            SendTemplate t => Addressed(t.To, callback, t.ReplyTo) with
            {
                Type = "template",
                Template = new GraphTemplate(t.TemplateName, new GraphLanguage(t.Language),
                    t.Components is { Count: > 0 } ? t.Components.Select(Component).ToList() : null),
            },
            SendInteractive i => Addressed(i.To, callback, i.ReplyTo) with { Type = "interactive", Interactive = Interactive(i) },
            SendReaction r => Addressed(r.To, callback, replyTo: null) with { Type = "reaction", Reaction = new GraphReaction(r.ProviderMessageId, r.Emoji) },
            SendLocation l => Addressed(l.To, callback, l.ReplyTo) with
            {
                Type = "location",
                Location = new GraphLocation(l.Latitude, l.Longitude, l.Name, l.Address),
            },
            SendContacts c => Addressed(c.To, callback, c.ReplyTo) with { Type = "contacts", Contacts = c.Contacts.Select(Card).ToList() },
            ShowTyping t => new GraphMessage { Status = "read", MessageId = t.ProviderMessageId, TypingIndicator = new GraphTyping("text") },
            MarkAsRead r => new GraphMessage
            {
                Status = "read",
                MessageId = r.ProviderMessageId,
                TypingIndicator = r.ShowTyping ? new GraphTyping("text") : null,
            },
            _ => throw new ArgumentException($"{command.Body.GetType().Name} is not an outbound command", nameof(command)),
        };
    }

    private static GraphMessage Addressed(string to, string callback, string? replyTo)
    {
        var message = new GraphMessage
        {
            RecipientType = "individual",
            BizOpaqueCallbackData = callback,
            Context = replyTo is null ? null : new GraphContext(replyTo),
        };
        return to.StartsWith(ContactKeys.UserIdPrefix, StringComparison.Ordinal)
            ? message with { Recipient = to[ContactKeys.UserIdPrefix.Length..] }
            : message with { To = Digits(to) };
    }

    /// <summary>What an agent typed (+55 (31) 98888-7777) as the digits Meta expects, ninth digit restored.</summary>
    private static string Digits(string number)
    {
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        return ContactKeys.CanonicalPhone(digits) ?? digits;
    }

    private static GraphMessage Media(SendMedia media, GraphMessage message)
    {
        var body = new GraphMedia(media.MediaId, media.Link, media.Caption, media.FileName, media.Voice ? true : null);
        return media.Kind switch
        {
            "image" => message with { Image = body },
            "audio" => message with { Audio = body },
            "video" => message with { Video = body },
            "document" => message with { Document = body },
            _ => message with { Sticker = body },
        };
    }

    /// <summary>Meta's interactive object: its type (location_request is location_request_message), text header, body, footer, action.</summary>
    private static GraphInteractive Interactive(SendInteractive m) => new(
        m.Kind == "location_request" ? "location_request_message" : m.Kind,
        m.Header is null ? null : new GraphInteractiveText("text", m.Header),
        new GraphBodyText(m.Body),
        m.Footer is null ? null : new GraphBodyText(m.Footer),
        m.Kind switch
        {
            "button" => new GraphAction { Buttons = m.Buttons!.Select(b => new GraphReplyButton("reply", new GraphReply(b.Id, b.Title))).ToList() },
            "list" => new GraphAction
            {
                Button = m.ListButton,
                Sections = m.Sections!.Select(s => new GraphSection(s.Title, s.Rows.Select(r => new GraphRow(r.Id, r.Title, r.Description)).ToList())).ToList(),
            },
            "cta_url" => new GraphAction { Name = "cta_url", Parameters = new GraphActionParameters { DisplayText = m.Cta!.DisplayText, Url = m.Cta.Url } },
            "flow" => new GraphAction
            {
                Name = "flow",
                Parameters = new GraphActionParameters
                {
                    FlowMessageVersion = "3",
                    FlowToken = m.Flow!.FlowToken,
                    FlowId = m.Flow.FlowId,
                    FlowCta = m.Flow.Cta,
                    FlowAction = m.Flow.Action,
                    FlowActionPayload = m.Flow.Screen is { } screen ? new GraphFlowPayload(screen, m.Flow.Data) : null,
                },
            },
            _ => new GraphAction { Name = "send_location" },
        });

    private static GraphContactCard Card(ContactCard card) => new(
        new GraphContactName(card.FormattedName, card.FirstName ?? card.FormattedName),
        card.Phones.Select(p => new GraphContactPhone(p.Phone, p.Type, p.WaId)).ToList(),
        card.Emails is { Count: > 0 } emails ? emails.Select(e => new GraphContactEmail(e)).ToList() : null);

    private static GraphComponent Component(TemplateComponent component) => new(
        component.Type,
        component.Parameters.Select(Parameter).ToList(),
        component.SubType,
        component.Index?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static GraphParameter Parameter(TemplateParameter p)
    {
        var media = p.Type is "image" or "video" or "document" ? new GraphMedia(p.MediaId, p.Link, null, null) : null;
        return new GraphParameter(
            p.Type,
            p.Type == "text" ? p.Text : null,
            p.Type == "payload" ? p.Text : null,
            p.Name,
            p.Type == "image" ? media : null,
            p.Type == "video" ? media : null,
            p.Type == "document" ? media : null)
        {
            Location = p is { Type: "location", Location: { } place } ? new GraphLocation(place.Latitude, place.Longitude, place.Name, place.Address) : null,
            Currency = p is { Type: "currency", Currency: { } money } ? new GraphCurrency(money.FallbackValue, money.Code, money.Amount1000) : null,
            DateTime = p.Type == "date_time" ? new GraphDateTime(p.Text!) : null,
            CouponCode = p.Type == "coupon_code" ? p.Text : null,
            Action = p.Type == "action" ? new GraphFlowButtonAction(p.Text, p.ActionData) : null,
        };
    }
}
