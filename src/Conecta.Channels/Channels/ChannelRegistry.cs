namespace Conecta.Channels.Channels;

/// <summary>The channels this instance speaks, in registration order, by name.</summary>
internal sealed class ChannelRegistry(IEnumerable<IChannel> channels)
{
    private readonly IReadOnlyList<IChannel> _channels = channels.ToList();

    public IChannel? Find(string name) => _channels.FirstOrDefault(c => c.Profile.Name == name);

    public IChannel For(string name) => Find(name) ?? throw new InvalidOperationException($"No channel registered as '{name}'.");

    /// <summary>
    /// The ordering partition of a command to (<paramref name="accountId"/>, <paramref name="to"/>), decided before anything
    /// is looked up: the contact key of the first channel that reads the recipient. Every spelling one channel takes for one
    /// contact reads alike there, so one contact's commands share a partition; two contacts sharing one only wait for each other.
    /// </summary>
    public string PartitionKeyOf(string accountId, string to) =>
        accountId + "|" + (_channels.Select(c => c.ContactKeyOf(to)).FirstOrDefault(key => key is not null) ?? to);
}
