using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conecta.Channels.Contracts.Commands;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>The two ways a command reaches the service: published on the bus by the core platform, or over the HTTP API.</summary>
internal static class CommandPaths
{
    public const string Bus = "bus";
    public const string Http = "http";

    public static async Task SendAsync(WebApplicationFactory<Program> app, string path, object command)
    {
        if (path == Bus)
        {
            await app.Services.GetRequiredService<IBus>().Publish(command, command.GetType());
            return;
        }
        using var client = app.Client();
        var (uri, body, commandId) = Request(command);
        using var response = await client.PostAsJsonAsync(uri, body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(commandId, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("commandId").GetGuid());
    }

    /// <summary>The route and JSON body a user of the API sends for the command.</summary>
    public static (string Uri, object Body, Guid CommandId) Request(object command) => command switch
    {
        SendText t => ("/api/messages", new { type = "text", t.CommandId, t.AccountId, t.To, t.Text }, t.CommandId),
        SendMedia m => ("/api/messages", new { type = "media", m.CommandId, m.AccountId, m.To, m.Kind, m.Link, m.Caption }, m.CommandId),
        SendTemplate t => ("/api/messages", new { type = "template", t.CommandId, t.AccountId, t.To, t.TemplateName, t.Language, t.Components }, t.CommandId),
        MarkAsRead r => ("/api/messages", new { type = "read", r.CommandId, r.AccountId, r.ProviderMessageId }, r.CommandId),
        StartActiveContact s => ($"/api/conversations/{s.AccountId}/{s.To}/start",
            new { s.CommandId, s.AgentId, s.Team, s.TemplateName, s.Language, s.Components }, s.CommandId),
        NotifyParticipantChange n => ($"/api/conversations/{n.AccountId}/{n.To}/notices", new { n.CommandId, n.AgentName, n.Joined }, n.CommandId),
        EndSession e => ($"/api/conversations/{e.AccountId}/{e.To}/end", new { e.CommandId }, e.CommandId),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, null),
    };
}
