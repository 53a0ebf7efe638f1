namespace Conecta.Channels.Contracts.Commands;

/// <summary>A button that opens a published WhatsApp Flow; the contact's answer comes back as an interactive nfm_reply.</summary>
/// <param name="FlowId">The Flow's id at Meta.</param>
/// <param name="Cta">The button's text (at most 20 characters).</param>
/// <param name="FlowToken">The business's own token for this launch, echoed in the reply.</param>
/// <param name="Action">navigate (open <paramref name="Screen"/>, with <paramref name="Data"/>) or data_exchange (ask the Flow's endpoint).</param>
public sealed record FlowLaunch(
    string FlowId,
    string Cta,
    string? FlowToken = null,
    string Action = "navigate",
    string? Screen = null,
    IReadOnlyDictionary<string, string>? Data = null);
