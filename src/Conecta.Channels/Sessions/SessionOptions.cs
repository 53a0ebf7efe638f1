namespace Conecta.Channels.Sessions;

internal sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>How long a session is kept after its last change; an older AwaitingReply or Closed session is forgotten.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the expiry schedule is read: SessionWindowExpired goes out at most this late.</summary>
    public TimeSpan ExpiryPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a taken window end is held; if its taker dies, another instance expires it after this.</summary>
    public TimeSpan ExpiryLease { get; set; } = TimeSpan.FromSeconds(30);

    public int ExpiryBatch { get; set; } = 100;

    /// <summary>
    /// How long a contact's old key keeps pointing to its new one after a change of number or user id: as long as a session is
    /// kept, time for the platform to take the ContactIdentityChanged event and for commands already queued to the old key to
    /// reach the contact; then the two numbers of one person are no longer held together (LGPD).
    /// </summary>
    public TimeSpan ContactLinkRetention { get; set; } = TimeSpan.FromDays(30);
}
