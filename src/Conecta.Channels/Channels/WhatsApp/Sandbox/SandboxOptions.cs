using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp.Sandbox;

/// <summary>The sandbox Graph API of the embedded mode: the whole send → status loop on a laptop.</summary>
internal sealed class SandboxOptions
{
    public const string Section = "Sandbox";

    public bool Enabled { get; set; }

    /// <summary>Where the sandbox posts its signed status webhooks: this service's own webhook.</summary>
    public string WebhookUrl { get; set; } = "http://127.0.0.1:8080/webhooks/whatsapp";

    /// <summary>Pause before each of sent, delivered and read.</summary>
    public TimeSpan StatusDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The business number the sandbox registers for itself (the one the recorded fixtures use).</summary>
    public string PhoneNumberId { get; set; } = "1122334455667";

    /// <summary>For demos and tests: answer sends with this Graph error code…</summary>
    public int? FailWithCode { get; set; }

    /// <summary>…this often (0–1).</summary>
    public double FailureRate { get; set; }
}

internal sealed class SandboxOptionsValidator(IHostEnvironment environment) : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        if (!options.Enabled) return ValidateOptionsResult.Success;
        var failures = new List<string>();
        if (!environment.IsDevelopment()) failures.Add("Sandbox:Enabled is for the Development environment only.");
        if (options.FailureRate is < 0 or > 1) failures.Add("Sandbox:FailureRate must be between 0 and 1.");
        if (!Uri.TryCreate(options.WebhookUrl, UriKind.Absolute, out _)) failures.Add("Sandbox:WebhookUrl must be an absolute URL.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
