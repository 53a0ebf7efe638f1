namespace Conecta.Channels.Contracts.Commands;

/// <summary>A phone on a contact card; <paramref name="WaId"/> makes WhatsApp offer "Message" on it.</summary>
/// <param name="Type">CELL, MAIN, IPHONE, HOME or WORK.</param>
public sealed record ContactCardPhone(string Phone, string? Type = null, string? WaId = null);
