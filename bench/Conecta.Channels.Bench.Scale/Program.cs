using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Conecta.Channels.Bench.Outbound;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
using MassTransit;

namespace Conecta.Channels.Bench.Scale;

/// <summary>What one phase measured, kept in the run directory for the report.</summary>
internal sealed record PhaseResult(string Phase, int Instances, int Commands, int Accepted, int Rejected, int Lost, int DuplicateOutcomes,
    int DoubleSends, int OrderViolations, int LimitExceededSeconds, double SendsPerSecond);

/// <summary>
/// Modes, run one after the other by bench/scale.sh: "three" (registers the numbers and opens the contacts' windows through
/// every instance, then a backlog with three instances), "kill" (a backlog during which the script SIGKILLs an instance at
/// the progress it reads from the run directory and starts it again), "one" (a backlog once the script stopped two of
/// the three), "report" (the one line). Each backlog is <c>Commands</c> SendText commands spread over every (number,
/// contact) pair, each pair's numbered in the order published; the fake Graph API records the order they arrive in.
/// </summary>
internal static class ScaleBenchProgram
{
    private const int PublishesInFlight = 256;
    private static readonly string[] Phases = ["three", "kill", "one"];

    public static async Task<int> Main(string[] args)
    {
        var mode = args is [var first, ..] ? first : throw new InvalidOperationException("mode: three, kill, one or report");
        var builder = WebApplication.CreateBuilder(args[1..]);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("MassTransit", LogLevel.Warning);
        var config = builder.Configuration.GetSection("Bench");
        string Required(string key) => config[key] is { Length: > 0 } value ? value : throw new InvalidOperationException($"Set Bench__{key}.");
        int Number(string key) => int.Parse(Required(key), CultureInfo.InvariantCulture);
        var runDir = Required("RunDir");
        if (mode == "report") return Report(runDir, Number("Instances"));

        var services = Required("ServiceUrls").Split(',');
        var numbers = Enumerable.Range(0, Number("Numbers")).Select(i => $"156{Number("Run") % 1_000_000:D6}{i:D3}").ToArray();
        var contacts = Enumerable.Range(0, Number("ContactsPerNumber")).Select(j => "553197" + j.ToString("D7", CultureInfo.InvariantCulture)).ToArray();
        var rate = Number("RatePerNumber");
        var commands = Number("Commands");
        var phase = Array.IndexOf(Phases, mode);
        if (phase < 0) throw new InvalidOperationException($"unknown mode {mode}");

        builder.WebHost.UseUrls(Required("GraphUrl"));
        var app = builder.Build();
        var graph = new FakeGraph();
        graph.Map(app);
        await app.StartAsync();
        // Webhooks and admin calls go round the instances, as a load balancer would send them.
        using var spread = new HttpClient(new RoundRobin(services)) { BaseAddress = new Uri(services[0]), Timeout = TimeSpan.FromSeconds(30) };
        var opener = new WindowOpener(spread, Required("AppSecret"));
        var outcomes = new ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, bool>>();
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(Required("RabbitMq")), host => host.PublisherConfirmation = true);
            rabbit.ConfigureJsonSerializerOptions(json =>
            {
                json.Converters.Add(new JsonStringEnumConverter());
                return json;
            });
            rabbit.ReceiveEndpoint("conecta-bench-scale-outcomes", endpoint =>
            {
                endpoint.PrefetchCount = 1_000;
                endpoint.Handler<MessageAccepted>(c => Outcome(c.Message.CommandId, c.Message.EventId, accepted: true));
                endpoint.Handler<MessageRejected>(c => Outcome(c.Message.CommandId, c.Message.EventId, accepted: false));
                endpoint.Handler<SessionQueued>(c =>
                {
                    opener.Queued(c.Message);
                    return Task.CompletedTask;
                });
            });
        });
        Task Outcome(Guid commandId, Guid eventId, bool accepted)
        {
            outcomes.GetOrAdd(commandId, _ => new())[eventId] = accepted;
            return Task.CompletedTask;
        }
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        try
        {
            if (phase == 0)
            {
                var token = Admin.MintToken(Required("SigningKey"));
                foreach (var number in numbers) await Admin.RegisterAsync(spread, token, number, rate, CancellationToken.None);
                if (!await opener.OpenAsync(numbers, contacts, TimeSpan.FromSeconds(90)))
                {
                    Log($"only {opener.Opened} of {numbers.Length * contacts.Length} windows opened within 90 s");
                    return 1;
                }
                Log($"registered {numbers.Length} numbers at {rate}/s and opened {numbers.Length * contacts.Length} contact windows through {services.Length} instances");
            }

            // Pair p's k-th command of this phase: sequence phase * 1,000,000 + k, so sequences also rise from phase to phase.
            var pairs = numbers.SelectMany(n => contacts.Select(c => (Number: n, Contact: c))).ToArray();
            var sends = Enumerable.Range(0, commands)
                .Select(i => (Pair: i % pairs.Length, Sequence: phase * 1_000_000 + i / pairs.Length, Command: Guid.NewGuid()))
                .ToArray();
            var byCommand = sends.ToDictionary(s => s.Command);
            var progressFile = Path.Combine(runDir, "progress");
            graph.TakeArrivals();
            var started = Stopwatch.GetTimestamp();
            // Each pair's commands by one publisher, one after the other (confirmed): in sequence order on the broker.
            var publishing = Parallel.ForEachAsync(sends.GroupBy(s => s.Pair), new ParallelOptions { MaxDegreeOfParallelism = PublishesInFlight },
                async (ofPair, ct) =>
                {
                    foreach (var (pair, sequence, command) in ofPair)
                        await bus.Publish(new SendText(command, pairs[pair].Number, pairs[pair].Contact, "seq " + sequence.ToString(CultureInfo.InvariantCulture)), ct);
                });
            var deadline = Stopwatch.GetTimestamp() + Number("PhaseSeconds") * Stopwatch.Frequency;
            while (Stopwatch.GetTimestamp() < deadline && sends.Count(s => outcomes.ContainsKey(s.Command)) < sends.Length)
            {
                await File.WriteAllTextAsync(progressFile, (sends.Count(s => outcomes.ContainsKey(s.Command)) * 1000L / sends.Length).ToString(CultureInfo.InvariantCulture));
                await Task.Delay(200);
            }
            await publishing;
            var finished = Stopwatch.GetTimestamp();
            // Late duplicates would show within a moment.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var arrivals = graph.TakeArrivals();

            var order = 0;
            foreach (var pair in arrivals.Where(a => byCommand.ContainsKey(a.CommandId)).DistinctBy(a => a.CommandId)
                         .GroupBy(a => byCommand[a.CommandId].Pair))
            {
                var sequences = pair.OrderBy(a => a.At).Select(a => byCommand[a.CommandId].Sequence).ToList();
                order += sequences.Zip(sequences.Skip(1)).Count(s => s.Second < s.First);
            }
            var exceeded = arrivals.GroupBy(a => (a.PhoneNumberId, Second: a.At / Stopwatch.Frequency)).Count(second => second.Count() > rate);
            var ofPhase = sends.Select(s => outcomes.TryGetValue(s.Command, out var o) ? o : null).ToList();
            var accepted = ofPhase.Count(o => o is not null && o.Values.Any(v => v));
            var result = new PhaseResult(mode, services.Length, sends.Length, accepted,
                ofPhase.Count(o => o is not null && !o.Values.Any(v => v)), ofPhase.Count(o => o is null), ofPhase.Count(o => o is { Count: > 1 }),
                arrivals.Count(a => byCommand.ContainsKey(a.CommandId)) - arrivals.Where(a => byCommand.ContainsKey(a.CommandId)).DistinctBy(a => a.CommandId).Count(),
                order, exceeded, accepted / Stopwatch.GetElapsedTime(started, finished).TotalSeconds);
            await File.WriteAllTextAsync(Path.Combine(runDir, mode + ".json"), JsonSerializer.Serialize(result));
            Log($"{mode}: {result}");
            return 0;
        }
        finally
        {
            await bus.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            await app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
        }
    }

    /// <summary>The last line bench/scale.sh prints; non-zero when any phase lost, duplicated, reordered or exceeded.</summary>
    private static int Report(string runDir, int instances)
    {
        var results = Phases.Select(p => Path.Combine(runDir, p + ".json")).Where(File.Exists)
            .Select(f => JsonSerializer.Deserialize<PhaseResult>(File.ReadAllText(f))!).ToList();
        var missing = Phases.Except(results.Select(r => r.Phase)).ToList();
        var three = results.FirstOrDefault(r => r.Phase == "three");
        var one = results.FirstOrDefault(r => r.Phase == "one");
        var speedup = three is not null && one is { SendsPerSecond: > 0 } ? three.SendsPerSecond / one.SendsPerSecond : 0;
        foreach (var r in results)
            Log($"{r.Phase}: {r.Commands} commands, {r.Accepted} accepted, {r.Rejected} rejected, {r.Lost} lost, {r.DuplicateOutcomes} with two outcomes, " +
                $"{r.DoubleSends} sent twice, {r.OrderViolations} out of order, {r.LimitExceededSeconds} seconds over a number's limit, {r.SendsPerSecond:F0} sends/s");
        if (missing.Count > 0) Log("phases without a result: " + string.Join(", ", missing));
        var line = string.Create(CultureInfo.InvariantCulture,
            $"scale: instances={instances} commands={results.Sum(r => r.Commands)} order_violations={results.Sum(r => r.OrderViolations)} " +
            $"lost={results.Sum(r => r.Lost + r.Rejected)} duplicates={results.Sum(r => r.DuplicateOutcomes + r.DoubleSends)} " +
            $"limit_exceeded_seconds={results.Sum(r => r.LimitExceededSeconds)} speedup={speedup:F2}");
        Console.WriteLine(line);
        var broken = missing.Count > 0 || results.Any(r => r.Lost + r.Rejected + r.DuplicateOutcomes + r.DoubleSends + r.OrderViolations + r.LimitExceededSeconds > 0);
        return broken ? 1 : 0;
    }

    private static void Log(string message) =>
        Console.Error.WriteLine($"scale [{DateTime.UtcNow:HH:mm:ss}]: {message}");

    /// <summary>Sends each request to the next instance in turn, as a load balancer in front of them would.</summary>
    private sealed class RoundRobin(string[] instances) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _next;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var instance = new Uri(instances[(int)((uint)Interlocked.Increment(ref _next) % instances.Length)]);
            request.RequestUri = new UriBuilder(request.RequestUri!) { Host = instance.Host, Port = instance.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
