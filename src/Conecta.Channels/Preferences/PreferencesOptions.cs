namespace Conecta.Channels.Preferences;

internal sealed class PreferencesOptions
{
    public const string Section = "Preferences";

    /// <summary>
    /// How long a contact's marketing preference is kept after its last change: a year by default, long enough that a stop is
    /// honoured across campaigns, short enough that the service does not keep personal data it no longer uses (LGPD). A contact
    /// who stays stopped longer is learned again from Meta's next 131050.
    /// </summary>
    public TimeSpan OptOutRetention { get; set; } = TimeSpan.FromDays(365);
}
