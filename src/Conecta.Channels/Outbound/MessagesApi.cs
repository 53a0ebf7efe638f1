using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Hosting;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conecta.Channels.Outbound;

/// <summary>
/// One send command over HTTP, for platforms without RabbitMQ and for trying the service. Same
/// commands, same validation; <see cref="Type"/> says which command the other fields make.
/// </summary>
/// <param name="Type">text, media, template, read, interactive, reaction, location, contacts or typing.</param>
/// <param name="Kind">media: image, audio, video, document or sticker; interactive: button, list, cta_url, flow or location_request.</param>
/// <param name="CommandId">The idempotency key; a new one is chosen when absent.</param>
internal sealed record SendMessageRequest(
    string? Type,
    Guid? CommandId,
    string? AccountId,
    string? To,
    string? Text = null,
    bool PreviewUrl = false,
    string? ReplyTo = null,
    string? Kind = null,
    string? Link = null,
    string? MediaId = null,
    string? Caption = null,
    string? FileName = null,
    string? TemplateName = null,
    string? Language = null,
    IReadOnlyList<TemplateComponent>? Components = null,
    string? ProviderMessageId = null,
    bool ShowTyping = false,
    DateTimeOffset? NotAfter = null,
    string? Body = null,
    string? Header = null,
    string? Footer = null,
    IReadOnlyList<ReplyButton>? Buttons = null,
    string? ListButton = null,
    IReadOnlyList<ListSection>? Sections = null,
    CtaUrl? Cta = null,
    FlowLaunch? Flow = null,
    string? CallbackData = null,
    string? Emoji = null,
    double? Latitude = null,
    double? Longitude = null,
    string? Name = null,
    string? Address = null,
    IReadOnlyList<ContactCard>? Contacts = null,
    bool Voice = false);

internal static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/messages").WithTags("Messages").RequireAuthorization(AdminTokens.WritePolicy)
            .MapPost("/", Send).WithIdempotencyKey<SendMessageRequest>()
            .WithSummary("Send text, media, a template, an interactive message, a reaction, a location or contacts, or mark a message read")
            .WithDescription("""
                The command is published on the bus like one from the core platform: the same rules decide it and its one outcome
                (MessageAccepted or MessageRejected) is published, and read at the Location (GET /api/commands/{commandId}).
                commandId is the idempotency key: the same commandId is sent at most once. A malformed command is a 400 naming the field.
                """);
        return app;
    }

    internal static async Task<Results<Accepted<CommandAccepted>, ValidationProblem>> Send(
        SendMessageRequest request, IPublishEndpoint bus, CancellationToken cancellationToken)
    {
        var commandId = request.CommandId ?? Guid.NewGuid();
        var command = ToCommand(request, commandId);
        if (command is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["type"] = ["type must be text, media, template, read, interactive, reaction, location, contacts or typing."],
            });
        if (CommandValidation.Problem(command) is { } problem) return TypedResults.ValidationProblem(problem.AsErrors());
        return await CommandSubmission.PublishAsync(bus, command.Body, commandId, CommandSubmission.OutcomeLocation(commandId), cancellationToken);
    }

    internal static OutboundCommand? ToCommand(SendMessageRequest r, Guid commandId) => r.Type switch
    {
        "text" => OutboundCommand.From(new SendText(commandId, r.AccountId ?? "", r.To ?? "", r.Text ?? "", r.PreviewUrl, r.ReplyTo, r.NotAfter,
            r.CallbackData)),
        "media" => OutboundCommand.From(new SendMedia(commandId, r.AccountId ?? "", r.To ?? "", r.Kind ?? "", r.Link, r.MediaId,
            r.Caption, r.FileName, r.ReplyTo, r.NotAfter, r.CallbackData, r.Voice)),
        "template" => OutboundCommand.From(new SendTemplate(commandId, r.AccountId ?? "", r.To ?? "", r.TemplateName ?? "",
            r.Language ?? "", r.Components ?? [], r.NotAfter, r.ReplyTo, r.CallbackData)),
        "read" => OutboundCommand.From(new MarkAsRead(commandId, r.AccountId ?? "", r.ProviderMessageId ?? "", r.ShowTyping)),
        "interactive" => OutboundCommand.From(new SendInteractive(commandId, r.AccountId ?? "", r.To ?? "", r.Kind ?? "", r.Body ?? "",
            r.Header, r.Footer, r.Buttons, r.ListButton, r.Sections, r.Cta, r.Flow, r.ReplyTo, r.CallbackData, r.NotAfter)),
        "reaction" => OutboundCommand.From(new SendReaction(commandId, r.AccountId ?? "", r.To ?? "", r.ProviderMessageId ?? "", r.Emoji!, r.NotAfter)),
        // A missing coordinate is NaN, which the validation names, rather than 0 (a real place).
        "location" => OutboundCommand.From(new SendLocation(commandId, r.AccountId ?? "", r.To ?? "", r.Latitude ?? double.NaN,
            r.Longitude ?? double.NaN, r.Name, r.Address, r.ReplyTo, r.NotAfter)),
        "contacts" => OutboundCommand.From(new SendContacts(commandId, r.AccountId ?? "", r.To ?? "", r.Contacts ?? [], r.ReplyTo, r.NotAfter)),
        "typing" => OutboundCommand.From(new ShowTyping(commandId, r.AccountId ?? "", r.To ?? "", r.ProviderMessageId)),
        _ => null,
    };
}
