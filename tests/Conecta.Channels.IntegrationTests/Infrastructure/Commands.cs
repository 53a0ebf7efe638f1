using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

internal static class Commands
{
    /// <summary>Publishes a command on the service's own bus, as the core platform would.</summary>
    public static Task PublishAsync<T>(this WebApplicationFactory<Program> app, T command) where T : class =>
        app.Services.GetRequiredService<IBus>().Publish(command);
}
