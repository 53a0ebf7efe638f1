using Conecta.Channels.Templates;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

internal static class ApprovedTemplates
{
    public const string Name = "retomar_contato";

    /// <summary>Stores an APPROVED template of the account's WABA (as RegisteredAccounts names it), as a sync from Meta would.</summary>
    public static Task ApproveAsync(WebApplicationFactory<Program> app, string account, string name = Name, string category = "UTILITY") =>
        app.Services.GetRequiredService<TemplateStore>().SaveAsync(new TemplateRecord("waba-" + account, "tpl-" + account + "-" + name, name, "pt_BR",
            category, "POSITIONAL", MessageTemplate.Approved, null, null,
            [new TemplateComponentDefinition("BODY", Text: "Olá! Podemos retomar seu atendimento?")]), null, CancellationToken.None);
}
