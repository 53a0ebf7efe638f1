using Conecta.Channels.Accounts;
using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.Phones;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.Sessions;

/// <summary>
/// The contacts' messages applied to their sessions inside the webhook that brought them, after the messages are on
/// the broker and before the webhook marks them delivered: the reply that opens the window, unlocks typing and queues
/// the session is decided once the message is durable, and a webhook whose sessions could not be saved is answered
/// 503, so the provider's retry applies them (the machine recognizes a message it has seen; session events carry
/// deterministic EventIds). No second copy of each message goes through the broker to reach the session machine.
/// </summary>
/// <remarks>
/// One contact's messages are applied in order, one webhook at a time in this process (striped locks), so a burst from
/// one contact queues here instead of losing compare-and-set races; other instances and the session commands are kept
/// apart by the store's compare-and-set.
/// </remarks>
internal sealed class ContactMessages(SessionTransitions sessions, SessionMove moves, IContactLinks links, ChannelRegistry channels,
    ChannelAccountStore accounts, IOptions<SessionOptions> options) : IDisposable
{
    private const int Stripes = 1024;
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public void Dispose()
    {
        foreach (var stripe in _stripes) stripe.Dispose();
    }

    /// <summary>
    /// Applies every message that is the contact writing; each session's events go out through
    /// <paramref name="publish"/> before the session is stored.
    /// </summary>
    /// <returns>The messages whose sessions could not be stored (the store or a publish failed, or the session kept
    /// changing), and the first reason.</returns>
    public async Task<NotApplied> ApplyAsync(IReadOnlyList<InboundMessageReceived> messages, Func<object, Task> publish,
        CancellationToken cancellationToken)
    {
        var contacts = messages
            // A provider's own notices are not the contact writing; a changed number or user id moves the session.
            .Where(m => (m.Type != "system" || NewKeyOf(m) is not null) && channels.Find(m.Channel) is not null)
            .GroupBy(m => new SessionKey(m.AccountId, m.Contact.ContactKey))
            .ToList();
        if (contacts.Count == 0) return NotApplied.None;
        var errors = await Task.WhenAll(contacts.Select(contact => ApplyInOrderAsync(contact.Key, contact.ToList(), publish, cancellationToken)));
        return NotApplied.Of(contacts, errors, contact => contact.Select(m => m.EventId));
    }

    /// <summary>
    /// The contact's key after a changed-identity notice: the new number's canonical phone; for a new user id, the same key
    /// unless the contact was known only by its user id. Null for any other message.
    /// </summary>
    internal static string? NewKeyOf(InboundMessageReceived message) => message.Content.System switch
    {
        { Kind: "user_changed_number", NewProviderId: { } number } => ContactKeys.CanonicalPhone(number),
        { Kind: "user_changed_user_id", NewUserId: { Length: > 0 } userId } =>
            message.Contact.ContactKey.StartsWith(ContactKeys.UserIdPrefix, StringComparison.Ordinal) ? ContactKeys.UserIdPrefix + userId : message.Contact.ContactKey,
        _ => null,
    };

    private static ContactIdentityChanged IdentityChanged(InboundMessageReceived message, string newKey, Session? moved) => new(
        EventIds.From(message.Channel, message.AccountId, "identity", message.ProviderMessageId), message.Channel, message.AccountId,
        message.Content.System!.Kind!, message.Contact.ContactKey, newKey, message.Content.System.NewProviderId, message.Content.System.NewUserId,
        moved?.SessionId, message.SentAt);

    /// <returns>Null once every message of the contact is applied, else why not.</returns>
    private async Task<Exception?> ApplyInOrderAsync(SessionKey key, List<InboundMessageReceived> messages, Func<object, Task> publish,
        CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)key.GetHashCode() % Stripes)];
        try
        {
            await stripe.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException e)
        {
            return e;
        }
        try
        {
            foreach (var message in messages.OrderBy(m => m.SentAt))
            {
                if (NewKeyOf(message) is { } newKey)
                {
                    // Linked before the move: a command to the old key finds the contact at the new one even while the move is retried.
                    if (newKey != key.ContactKey)
                        await links.LinkAsync(key.AccountId, key.ContactKey, newKey, message.SentAt, options.Value.ContactLinkRetention, cancellationToken);
                    await moves.MoveAsync(key, key with { ContactKey = newKey }, moved => publish(IdentityChanged(message, newKey, moved)), cancellationToken);
                    continue;
                }
                var account = await accounts.FindByProviderIdAsync(message.Channel, message.AccountId, cancellationToken);
                var input = new ContactMessage(message.ProviderMessageId, message.SentAt, message.Content.Text, account?.DefaultTeam)
                    { Policy = channels.For(message.Channel).Profile.Conversation };
                await sessions.ApplyAsync(key, input, publish, cancellationToken);
            }
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
        finally
        {
            stripe.Release();
        }
    }
}
