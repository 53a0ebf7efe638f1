using Conecta.Channels.Hosting;

namespace Conecta.Channels.Sessions;

/// <summary>
/// The contact key a command addressed to <c>key</c> goes to now: the end of its links (A→B→C: C), before any rule runs, so the
/// session and window checked are the contact's current ones. A link is not followed from a key with a live session someone wrote to
/// after the change (the number was given to someone else, or the contact is back on it): the conversation there is that key's own.
/// (The session the move left behind is closed, and keeps its last message's time: it does not count.) A cycle
/// (only possible when changes race) stops at the last key not yet visited, and at most <see cref="MaxHops"/> links are followed.
/// </summary>
internal sealed partial class ContactRedirects(IContactLinks links, ISessionStore sessions, ILogger<ContactRedirects> logger)
{
    /// <summary>More changes than any contact makes within a link's retention; bounds the lookups of one command.</summary>
    public const int MaxHops = 8;

    /// <param name="commandId">For the log line saying the command was redirected.</param>
    public async Task<string> CurrentKeyAsync(string accountId, string contactKey, Guid commandId, CancellationToken cancellationToken)
    {
        var key = contactKey;
        var visited = new HashSet<string>(StringComparer.Ordinal) { key };
        for (var hop = 0; hop < MaxHops; hop++)
        {
            if (await links.FindAsync(accountId, key, cancellationToken) is not { } link) break;
            if (await sessions.FindAsync(new SessionKey(accountId, key), cancellationToken) is { IsLive: true } own && own.LastContactMessageAt > link.At) break;
            if (!visited.Add(link.NewKey)) break;
            key = link.NewKey;
        }
        if (key != contactKey && logger.IsEnabled(LogLevel.Information))
        {
#pragma warning disable CA1873 // guarded by IsEnabled just above
            LogRedirected(logger, commandId, Redact.Contact(contactKey), Redact.Contact(key));
#pragma warning restore CA1873
        }
        return key;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {CommandId} to {From} redirected to {To}: the contact changed number or user id")]
    private static partial void LogRedirected(ILogger logger, Guid commandId, string from, string to);
}
