using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Conecta.Channels.Channels.WhatsApp.Graph;
using Conecta.Channels.Contracts.Commands;
using static Conecta.Channels.Tests.Outbound.Sample;

namespace Conecta.Channels.Tests.Outbound;

/// <summary>
/// Command in, exact Graph body out. The expected bodies are written from Meta's documented shapes
/// (WHATSAPP-FACTS.md §5), not from our models, so a renamed property fails here before Meta refuses it.
/// </summary>
public sealed class GraphMessagesTests
{
    private const string Doc = "https://cdn.conecta.example/boleto.pdf";
    private static readonly string Callback = CommandId.ToString();

    public static TheoryData<object, string> Sends => new()
    {
        { Text, $$$"""{"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"text","text":{"body":"Olá, tudo bem?","preview_url":false},"biz_opaque_callback_data":"{{{Callback}}}"}""" },
        { Text with { Text = "Veja https://conecta.example/p/1", PreviewUrl = true, ReplyTo = InboundMessage },
            $$$"""{"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"text","text":{"body":"Veja https://conecta.example/p/1","preview_url":true},"context":{"message_id":"{{{InboundMessage}}}"},"biz_opaque_callback_data":"{{{Callback}}}"}""" },
        // What an agent types: the digits are sent.
        { Text with { To = "+55 (31) 98888-7777" },
            $$$"""{"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"text","text":{"body":"Olá, tudo bem?","preview_url":false},"biz_opaque_callback_data":"{{{Callback}}}"}""" },
        // A wa_id from before the ninth digit: sent with the 9 restored.
        { Text with { To = "553188887777" },
            $$$"""{"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"text","text":{"body":"Olá, tudo bem?","preview_url":false},"biz_opaque_callback_data":"{{{Callback}}}"}""" },
        // A contact known only by its BSUID goes in "recipient", and there is no "to".
        { Text with { To = "bsuid:BR.1502576394655843" },
            $$$"""{"messaging_product":"whatsapp","recipient_type":"individual","recipient":"BR.1502576394655843","type":"text","text":{"body":"Olá, tudo bem?","preview_url":false},"biz_opaque_callback_data":"{{{Callback}}}"}""" },
        { Media("image") with { Caption = "Sua fatura" },
            $$$"""{"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"image","image":{"link":"{{{ImageLink}}}","caption":"Sua fatura"},"biz_opaque_callback_data":"{{{Callback}}}"}""" },
        { Media("audio") with { Link = null, MediaId = "1013859600285441" },
            $$$"""{"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"audio","audio":{"id":"1013859600285441"},"biz_opaque_callback_data":"{{{Callback}}}"}""" },
        // Meta's voice message (developers.facebook.com, "Audio messages": an OGG/Opus file with voice true).
        { Media("audio") with { Link = null, MediaId = "1013859600285441", Voice = true },
            $$$"""{"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"audio","audio":{"id":"1013859600285441","voice":true},"biz_opaque_callback_data":"{{{Callback}}}"}""" },
        { Media("video") with { Link = null, MediaId = "2213859600285442", Caption = "Como instalar", ReplyTo = InboundMessage },
            $$$"""{"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"video","video":{"id":"2213859600285442","caption":"Como instalar"},"context":{"message_id":"{{{InboundMessage}}}"},"biz_opaque_callback_data":"{{{Callback}}}"}""" },
        { Media("document") with { Link = Doc, Caption = "Boleto de março", FileName = "boleto-marco.pdf" },
            $$$"""{"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"document","document":{"link":"{{{Doc}}}","caption":"Boleto de março","filename":"boleto-marco.pdf"},"biz_opaque_callback_data":"{{{Callback}}}"}""" },
        // The caller's correlation instead of the CommandId.
        { Text with { CallbackData = "crm:ticket-42" },
            """{"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"text","text":{"body":"Olá, tudo bem?","preview_url":false},"biz_opaque_callback_data":"crm:ticket-42"}""" },
        { Media("sticker") with { Link = null, MediaId = "3313859600285443" },
            $$$"""{"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"sticker","sticker":{"id":"3313859600285443"},"biz_opaque_callback_data":"{{{Callback}}}"}""" },
        { Template(
                new TemplateComponent("header", [new TemplateParameter("image", Link: ImageLink)]),
                Body(TextParameter("Maria"), TextParameter("R$ 120,00")),
                new TemplateComponent("button", [new TemplateParameter("payload", "CONFIRMAR")], "quick_reply", 0),
                new TemplateComponent("button", [TextParameter("pedido/123")], "url", 1)),
            $$$"""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"template",
             "template":{"name":"pedido_confirmado","language":{"code":"pt_BR"},"components":[
               {"type":"header","parameters":[{"type":"image","image":{"link":"{{{ImageLink}}}"}}]},
               {"type":"body","parameters":[{"type":"text","text":"Maria"},{"type":"text","text":"R$ 120,00"}]},
               {"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"CONFIRMAR"}]},
               {"type":"button","sub_type":"url","index":"1","parameters":[{"type":"text","text":"pedido/123"}]}]},
             "biz_opaque_callback_data":"{{{Callback}}}"}
            """ },
        // Named templates ({{customer_name}}) carry parameter_name on each parameter.
        { Template(Body(TextParameter("Maria", "customer_name"), TextParameter("123", "order_id"))),
            $$$"""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"template",
             "template":{"name":"pedido_confirmado","language":{"code":"pt_BR"},"components":[
               {"type":"body","parameters":[{"type":"text","parameter_name":"customer_name","text":"Maria"},
                                            {"type":"text","parameter_name":"order_id","text":"123"}]}]},
             "biz_opaque_callback_data":"{{{Callback}}}"}
            """ },
        // Issue 20: a LOCATION header, currency and date_time body parameters, a Pix copy_code and a Flow button, a reply, the caller's callback data.
        { Template(
                new TemplateComponent("header", [new TemplateParameter("location", Location: new TemplateLocation(-19.9245, -43.9352, "Loja Savassi", "Av. Getúlio Vargas, 1300"))]),
                Body(new TemplateParameter("currency", Currency: new TemplateCurrency("R$ 120,50", "BRL", 120500)), new TemplateParameter("date_time", "10 de dezembro de 2026")),
                new TemplateComponent("button", [new TemplateParameter("coupon_code", "00020126580014BR.GOV.BCB.PIX0136")], "copy_code", 0),
                new TemplateComponent("button", [new TemplateParameter("action", "agenda-123", ActionData: new Dictionary<string, string> { ["pedido"] = "123" })], "flow", 1))
            with { ReplyTo = InboundMessage, CallbackData = "crm:cobranca-77" },
            $$$"""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"template",
             "template":{"name":"pedido_confirmado","language":{"code":"pt_BR"},"components":[
               {"type":"header","parameters":[{"type":"location","location":{"latitude":-19.9245,"longitude":-43.9352,"name":"Loja Savassi","address":"Av. Getúlio Vargas, 1300"}
               }]},
               {"type":"body","parameters":[{"type":"currency","currency":{"fallback_value":"R$ 120,50","code":"BRL","amount_1000":120500}},
                                            {"type":"date_time","date_time":{"fallback_value":"10 de dezembro de 2026"}}]},
               {"type":"button","sub_type":"copy_code","index":"0","parameters":[{"type":"coupon_code","coupon_code":"00020126580014BR.GOV.BCB.PIX0136"}]},
               {"type":"button","sub_type":"flow","index":"1","parameters":[{"type":"action","action":{"flow_token":"agenda-123","flow_action_data":{"pedido":"123"}
               }}]}]},
             "context":{"message_id":"{{{InboundMessage}}}"},"biz_opaque_callback_data":"crm:cobranca-77"}
            """ },
        // A template without variables sends no components at all.
        { Template(),
            $$$"""{"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"template","template":{"name":"pedido_confirmado","language":{"code":"pt_BR"}},"biz_opaque_callback_data":"{{{Callback}}}"}""" },
        { Read, $$$"""{"messaging_product":"whatsapp","status":"read","message_id":"{{{InboundMessage}}}"}""" },
        // Meta's interactive-message references (reply buttons, list, CTA URL, Flow, location request), reaction, location, contacts.
        { Buttons with { Header = "Entrega", Footer = "Conecta Entregas", ReplyTo = InboundMessage },
            $$$"""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"interactive",
             "interactive":{"type":"button","header":{"type":"text","text":"Entrega"},"body":{"text":"Podemos confirmar sua entrega amanhã?"},
               "footer":{"text":"Conecta Entregas"},"action":{"buttons":[{"type":"reply","reply":{"id":"entrega-sim","title":"Sim, pode"}},
               {"type":"reply","reply":{"id":"entrega-outro-dia","title":"Outro dia"}}]}},
             "context":{"message_id":"{{{InboundMessage}}}"},"biz_opaque_callback_data":"{{{Callback}}}"}
            """ },
        { List,
            $$$"""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"interactive",
             "interactive":{"type":"list","body":{"text":"Escolha o assunto do atendimento:"},"action":{"button":"Ver opções","sections":[
               {"title":"Financeiro","rows":[{"id":"2via","title":"Segunda via","description":"Boleto ou Pix"},{"id":"acordo","title":"Negociar dívida"}]},
               {"title":"Suporte","rows":[{"id":"tecnico","title":"Suporte técnico"}]}]}},
             "biz_opaque_callback_data":"{{{Callback}}}"}
            """ },
        { Interactive("cta_url") with { Cta = new CtaUrl("Ver fatura", "https://conecta.example/fatura/123") },
            $$$"""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"interactive",
             "interactive":{"type":"cta_url","body":{"text":"Toque para continuar"},
               "action":{"name":"cta_url","parameters":{"display_text":"Ver fatura","url":"https://conecta.example/fatura/123"}}
             },
             "biz_opaque_callback_data":"{{{Callback}}}"}
            """ },
        { Interactive("flow") with { Flow = new FlowLaunch("1197715005513101", "Agendar", "agenda-123", Screen: "BOOKING",
                Data: new Dictionary<string, string> { ["cliente"] = "Maria" }), CallbackData = "crm:ticket-42" },
            """
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"interactive",
             "interactive":{"type":"flow","body":{"text":"Toque para continuar"},"action":{"name":"flow","parameters":{
               "flow_message_version":"3","flow_token":"agenda-123","flow_id":"1197715005513101","flow_cta":"Agendar",
               "flow_action":"navigate","flow_action_payload":{"screen":"BOOKING","data":{"cliente":"Maria"}}}}},
             "biz_opaque_callback_data":"crm:ticket-42"}
            """ },
        { Interactive("location_request"),
            $$$"""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"interactive",
             "interactive":{"type":"location_request_message","body":{"text":"Toque para continuar"},"action":{"name":"send_location"}
             },
             "biz_opaque_callback_data":"{{{Callback}}}"}
            """ },
        { Reaction("👍"),
            $$$"""{"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"reaction","reaction":{"message_id":"{{{InboundMessage}}}","emoji":"👍"},"biz_opaque_callback_data":"{{{Callback}}}"}""" },
        // An empty emoji removes the reaction: it is sent, not left out.
        { Reaction(""),
            $$$"""{"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"reaction","reaction":{"message_id":"{{{InboundMessage}}}","emoji":""},"biz_opaque_callback_data":"{{{Callback}}}"}""" },
        { Location,
            $$$"""{"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"location","location":{"latitude":-19.9245,"longitude":-43.9352,"name":"Loja Savassi","address":"Av. Getúlio Vargas, 1300"},"biz_opaque_callback_data":"{{{Callback}}}"}""" },
        { Contacts,
            $$$"""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"5531988887777","type":"contacts",
             "contacts":[{"name":{"formatted_name":"Central Conecta","first_name":"Central Conecta"},
               "phones":[{"phone":"+55 31 3333-4444","type":"WORK","wa_id":"553133334444"}],"emails":[{"email":"sac@conecta.example"}]}],
             "biz_opaque_callback_data":"{{{Callback}}}"}
            """ },
        // The agent is typing: the contact's message marked read, "typing…" shown.
        { new ShowTyping(CommandId, Account, Contact, InboundMessage),
            $$$"""{"messaging_product":"whatsapp","status":"read","message_id":"{{{InboundMessage}}}","typing_indicator":{"type":"text"}}""" },
        { Read with { ShowTyping = true },
            $$$"""{"messaging_product":"whatsapp","status":"read","message_id":"{{{InboundMessage}}}","typing_indicator":{"type":"text"}}""" },
    };

    [Theory]
    [MemberData(nameof(Sends))]
    public void A_command_becomes_meta_s_documented_body(object command, string expectedJson)
    {
        var sent = JsonSerializer.Serialize(GraphMessages.For(Outgoing(command)), GraphJsonContext.Default.GraphMessage);

        Assert.Equal(Canonical(expectedJson), Canonical(sent));
    }

    /// <summary>Same JSON whatever the property order or spacing; indented so a failure shows a readable diff.</summary>
    private static string Canonical(string json)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            Write(writer, document.RootElement);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
