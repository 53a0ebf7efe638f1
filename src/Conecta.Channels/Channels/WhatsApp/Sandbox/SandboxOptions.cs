using Microsoft.Extensions.Options;

namespace Conecta.Channels.Channels.WhatsApp.Sandbox;

/// <summary>The sandbox Graph API of the embedded mode: the whole send → status loop on a laptop.</summary>
internal sealed class SandboxOptions
{
    public const string Section = "Sandbox";

    public bool Enabled { get; set; }

    /// <summary>
    /// Where the sandbox posts its signed webhooks (statuses, template reviews, the simulated contact); when unset, this
    /// instance's own webhook at the address it listens on.
    /// </summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Pause before each of sent, delivered and read.</summary>
    public TimeSpan StatusDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a created template stays PENDING before the sandbox's review decides it (see SandboxTemplates.Review).</summary>
    public TimeSpan TemplateReviewDelay { get; set; } = TimeSpan.FromSeconds(2);

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
        if (options.WebhookUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            failures.Add("Sandbox:WebhookUrl must be an absolute URL, or unset for this instance's own webhook.");
        if (options.TemplateReviewDelay < TimeSpan.Zero || options.StatusDelay < TimeSpan.Zero)
            failures.Add("Sandbox:TemplateReviewDelay and Sandbox:StatusDelay must not be negative.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
