using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Conecta.Channels.Channels.Telegram;
using Conecta.Channels.Channels.Telegram.BotApi;
using Conecta.Channels.Contracts.Events;
using Conecta.Channels.RateLimits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conecta.Channels.Tests.Telegram;

/// <summary>The Bot API client as the service registers it, against a scripted handler: retries as Telegram asks, and never a token in the logs.</summary>
public sealed class BotApiClientTests
{
    private const string Token = "7000000001:AAH-very-secret_token";
    private static readonly BotAccount Bot = new("7000000001", Token);
    private static readonly BotSend Hello = new() { ChatId = 987654321, Text = "oi" };
    private static readonly DispatchPace Pace = new(Bot.BotId, new RateLimit(30, TimeSpan.FromSeconds(1), Smooth: true));

    [Fact]
    public async Task Flood_control_is_waited_out_as_telegram_asks_and_no_log_line_carries_the_token()
    {
        var handler = new Scripted(
            (HttpStatusCode.TooManyRequests, """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}"""),
            (HttpStatusCode.OK, """{"ok":true,"result":{"message_id":100,"chat":{"id":987654321,"type":"private"},"date":1750000000,"text":"oi"}}"""));
        var logs = new Logs();
        await using var services = Services(handler, logs);

        var result = await services.GetRequiredService<BotApiClient>().SendAsync(Bot, "sendMessage", Hello, Pace, default);

        Assert.Equal(100, result.Value!.MessageId);
        Assert.Equal(2, handler.Requests.Count);
        Assert.True(handler.Requests[1].At - handler.Requests[0].At >= TimeSpan.FromMilliseconds(950), $"waited {handler.Requests[1].At - handler.Requests[0].At}");
        Assert.Equal($"/bot{Token}/sendMessage", handler.Requests[0].Path);
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, line => line.Contains("AAH-very-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refusal_keeps_telegram_s_code_description_and_wait()
    {
        var handler = new Scripted((HttpStatusCode.TooManyRequests,
            """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 40","parameters":{"retry_after":40}}"""));
        await using var services = Services(handler, new Logs());

        var result = await services.GetRequiredService<BotApiClient>().SendAsync(Bot, "sendMessage", Hello, Pace, default);

        Assert.Single(handler.Requests);
        Assert.Equal(new BotApiRefusal(429, "Too Many Requests: retry after 40", TimeSpan.FromSeconds(40),
            new BotApiErrorClass(RejectionReason.RateLimited, true)), result.Refusal);
    }

    private static ServiceProvider Services(Scripted handler, Logs logs)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddOptions<TelegramOptions>().Configure(o =>
        {
            o.BotApiBaseUrl = "https://api.telegram.test";
            o.BotApiRetryDelay = TimeSpan.FromMilliseconds(50);
            o.MaxRetryAfter = TimeSpan.FromSeconds(2);
        });
        services.AddSingleton(TimeProvider.System);
        services.AddBotApiClient();
        services.AddHttpClient<BotApiClient>().ConfigurePrimaryHttpMessageHandler(() => handler);
        return services.BuildServiceProvider();
    }

    private sealed class Scripted(params (HttpStatusCode Status, string Body)[] answers) : HttpMessageHandler
    {
        private int _next;

        public List<(DateTimeOffset At, string Path)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((DateTimeOffset.UtcNow, request.RequestUri!.AbsolutePath));
            var (status, body) = answers[Math.Min(_next++, answers.Length - 1)];
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }

    /// <summary>Every log line of every category, message and exception alike.</summary>
    private sealed class Logs : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                lines.Enqueue($"{category}: {formatter(state, exception)} {properties} {exception}");
            }
        }
    }
}
