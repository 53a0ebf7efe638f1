namespace Conecta.Channels.Contracts.Events;

/// <summary>An answer to something the business sent: interactive button/list/flow replies and template quick-reply buttons.</summary>
/// <param name="Kind">button_reply, list_reply, nfm_reply (flow), call_permission_reply, template_button, …</param>
/// <param name="Id">The id or payload the business attached to the option.</param>
/// <param name="Title">What the contact saw and tapped.</param>
/// <param name="Description">List rows' description.</param>
/// <param name="ResponseJson">Flow replies: the response_json the flow produced.</param>
public sealed record ReplyContent(string Kind, string? Id, string? Title, string? Description, string? ResponseJson);
