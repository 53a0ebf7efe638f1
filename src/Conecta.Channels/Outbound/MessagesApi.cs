using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Hosting;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conecta.Channels.Outbound;

/// <summary>
/// One send command over HTTP, for platforms without RabbitMQ and for trying the service. Same
/// commands, same validation; <see cref="Type"/> says which command the other fields make.
/// </summary>
/// <param name="Type">text, media, template or read.</param>
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
    DateTimeOffset? NotAfter = null);

internal static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/messages").WithTags("Messages").RequireAuthorization(AdminTokens.WritePolicy)
            .MapPost("/", Send).WithIdempotencyKey<SendMessageRequest>()
            .WithSummary("Send text, media, a template, or mark a message read")
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
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["type"] = ["type must be text, media, template or read."] });
        if (CommandValidation.Problem(command) is { } problem) return TypedResults.ValidationProblem(problem.AsErrors());
        return await CommandSubmission.PublishAsync(bus, command.Body, commandId, CommandSubmission.OutcomeLocation(commandId), cancellationToken);
    }

    internal static OutboundCommand? ToCommand(SendMessageRequest r, Guid commandId) => r.Type switch
    {
        "text" => OutboundCommand.From(new SendText(commandId, r.AccountId ?? "", r.To ?? "", r.Text ?? "", r.PreviewUrl, r.ReplyTo, r.NotAfter)),
        "media" => OutboundCommand.From(new SendMedia(commandId, r.AccountId ?? "", r.To ?? "", r.Kind ?? "", r.Link, r.MediaId,
            r.Caption, r.FileName, r.ReplyTo, r.NotAfter)),
        "template" => OutboundCommand.From(new SendTemplate(commandId, r.AccountId ?? "", r.To ?? "", r.TemplateName ?? "",
            r.Language ?? "", r.Components ?? [], r.NotAfter)),
        "read" => OutboundCommand.From(new MarkAsRead(commandId, r.AccountId ?? "", r.ProviderMessageId ?? "", r.ShowTyping)),
        _ => null,
    };
}
