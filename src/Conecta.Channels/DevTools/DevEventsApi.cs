using System.Net.ServerSentEvents;
using Conecta.Channels.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Conecta.Channels.DevTools;

internal static class DevEventsApi
{
    /// <summary>
    /// GET /dev/events (server-sent events of everything published: personal data, so it takes a token like the admin API's
    /// reads, in Development the one GET /dev/token hands out) and GET /dev/token. Mapped only in Development.
    /// </summary>
    public static IEndpointRouteBuilder MapDevEvents(this IEndpointRouteBuilder app)
    {
        var environment = app.ServiceProvider.GetRequiredService<IHostEnvironment>();
        if (!environment.IsDevelopment()) return app;
        var development = app.MapGroup("/dev").WithTags("Development");
        development.MapGet("/events", Stream).RequireAuthorization(AdminTokens.ReadPolicy).ExcludeFromDescription();
        development.MapGet("/token", Token).AllowAnonymous()
            .WithSummary("Development only: an admin token signed with the public development key (the one the start banner prints)");
        return app;
    }

    /// <summary>Ends with the request, or when the service stops: an open stream must not hold the shutdown for its whole timeout.</summary>
    internal static ServerSentEventsResult<string> Stream(PublishedEventFeed feed, IHostApplicationLifetime lifetime, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(feed.Subscribe(cancellationToken, lifetime.ApplicationStopping));

    /// <summary>Plain text, so a script takes it as it is: TOKEN=$(curl -s …/dev/token).</summary>
    internal static Results<ContentHttpResult, NotFound> Token(IOptions<AuthOptions> auth, TimeProvider clock) =>
        DevelopmentBanner.Token(auth.Value, clock.GetUtcNow()) is { } token ? TypedResults.Text(token) : TypedResults.NotFound();
}
