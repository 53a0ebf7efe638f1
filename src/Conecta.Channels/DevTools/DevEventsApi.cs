using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Conecta.Channels.DevTools;

internal static class DevEventsApi
{
    /// <summary>GET /dev/events: server-sent events of everything published. Mapped only in Development.</summary>
    public static IEndpointRouteBuilder MapDevEvents(this IEndpointRouteBuilder app)
    {
        var environment = app.ServiceProvider.GetRequiredService<IHostEnvironment>();
        if (environment.IsDevelopment())
            app.MapGet("/dev/events", Stream).WithTags("Development").ExcludeFromDescription();
        return app;
    }

    internal static ServerSentEventsResult<string> Stream(PublishedEventFeed feed, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(feed.Subscribe(cancellationToken));
}
