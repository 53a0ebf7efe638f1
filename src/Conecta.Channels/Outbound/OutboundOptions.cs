namespace Conecta.Channels.Outbound;

internal sealed class OutboundOptions
{
    public const string Section = "Outbound";

    /// <summary>How long a command may wait for rate limits when it carries no NotAfter of its own.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one delivery owns a command; a crashed instance's command is retried after this.</summary>
    public TimeSpan CommandLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an outcome is remembered for redeliveries and status correlation.</summary>
    public TimeSpan OutcomeRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Meta's pair rate limit, per recipient (WhatsApp only): about one message every 6 s, with short bursts tolerated.</summary>
    public int RecipientLimit { get; set; } = 10;

    public TimeSpan RecipientWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// When a command that failed for want of Redis or the database is tried again. Together they span
    /// more than <see cref="CommandLease"/>, so a command left by a crashed instance is picked up; after
    /// the last one it is rejected as ProcessingFailed. Null: 1, 5, 15, 30, 60 and 60 s. (No default
    /// array here: the configuration binder appends to an array instead of replacing it.)
    /// </summary>
    public TimeSpan[]? RetryIntervals { get; set; }

    public TimeSpan[] Retries => RetryIntervals ??
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60)];

    /// <summary>
    /// The account standings on which sends from the number stop, refused AccountRestricted before the network, until a later
    /// account update changes the standing: Meta disabled the account, or restricted its messaging. Add "flagged" to stop on a
    /// flagged quality rating too. (No default array here: the configuration binder appends to an array instead of replacing it.)
    /// </summary>
    public string[]? StopSendsWhen { get; set; }

    public string[] StoppingStandings => StopSendsWhen ?? ["disabled", "restricted"];

    /// <summary>Commands processed at once per instance; waiting ones hold no thread.</summary>
    public int ConcurrentCommands { get; set; } = 256;
}
