using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conecta.Channels.Outbound;

/// <summary>The command was taken for processing; its outcome arrives on the bus and can be read at the Location.</summary>
internal sealed record CommandAccepted(Guid CommandId);

/// <summary>
/// How an HTTP endpoint hands a command over: published on the bus exactly as the core platform publishes it, so the
/// same consumer applies the same rules and publishes the same outcome. The endpoint only checks the request first.
/// </summary>
internal static class CommandSubmission
{
    public static async Task<Accepted<CommandAccepted>> PublishAsync(IPublishEndpoint bus, object command, Guid commandId, string location,
        CancellationToken cancellationToken)
    {
        await bus.Publish(command, command.GetType(), cancellationToken);
        return TypedResults.Accepted(location, new CommandAccepted(commandId));
    }

    /// <summary>Where a command's outcome is read.</summary>
    public static string OutcomeLocation(Guid commandId) => $"/api/commands/{commandId}";
}
