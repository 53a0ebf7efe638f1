namespace Conecta.Channels.Channels.WhatsApp.Templates;

/// <summary>The reconciliation of the template registry with Meta's lists (section "Templates").</summary>
internal sealed class TemplatesOptions
{
    public const string Section = "Templates";

    /// <summary>How often templates are reconciled with Meta's list; zero turns the periodic sync off (POST /api/templates/sync still works).</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Templates asked per page of Meta's list.</summary>
    public int SyncPageSize { get; set; } = 100;

    public bool IsValid() => SyncInterval >= TimeSpan.Zero && SyncPageSize is >= 1 and <= 1000;
}
