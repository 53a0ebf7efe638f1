namespace Conecta.Channels.Contracts.Events;

/// <summary>Pricing of a message, in both Meta's old (CBP) and per-message (PMP, v24+) shapes.</summary>
/// <param name="Billable">Deprecated by Meta; null when absent.</param>
/// <param name="PricingModel">CBP or PMP.</param>
/// <param name="Category">marketing, utility, authentication, service, …</param>
/// <param name="Type">PMP only: regular, free_customer_service, free_entry_point.</param>
public sealed record PricingInfo(bool? Billable, string? PricingModel, string? Category, string? Type);
