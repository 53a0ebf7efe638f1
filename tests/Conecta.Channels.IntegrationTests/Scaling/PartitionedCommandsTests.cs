using System.Text.Json;
using Conecta.Channels.Channels;
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.IntegrationTests.Infrastructure;
using Conecta.Channels.Scaling;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.Server;

namespace Conecta.Channels.IntegrationTests.Scaling;

/// <summary>
/// Two instances of the real Program on one virtual host and one database with Bus:Topology:Partitions: a contact's commands
/// are worked by one instance at a time, in the order they were sent, and an instance that goes away hands its partitions
/// over without losing a command. The first instance prefers the even partitions and never subscribes to the odd ones;
/// the second prefers the odd ones and stands by for the even ones, so who works what is known.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class PartitionedCommandsTests
{
    private const int PartitionCount = 4;
    private const int ContactsPerPartition = 2;
    private const string Outbound = "conecta-outbound";
    private const string Sessions = "conecta-sessions";

    private static readonly string[] OutboundCommands =
        ["SendText", "SendMedia", "SendTemplate", "MarkAsRead", "SendInteractive", "SendReaction", "SendLocation", "SendContacts", "ShowTyping"];

    private static readonly string[] ConversationCommands = ["StartActiveContact", "NotifyParticipantChange", "EndSession"];

    [Fact]
    public async Task Two_instances_work_each_contact_on_one_instance_at_a_time_in_order_and_share_the_partitions()
    {
        await using var pair = await TwoInstances.StartAsync();
        await using var outcomes = await QueueProbe.BindOnAsync(pair.First.RabbitMq, "MessageAccepted", "MessageRejected");

        var commands = await pair.SendAsync(pair.First, sequences: Enumerable.Range(0, 6));

        var received = await outcomes.TakeAsync(commands.Count, TimeSpan.FromSeconds(90), only: BusMessage.Of(pair.Account));
        Assert.All(received, outcome => Assert.Equal("MessageAccepted", outcome.MessageType));
        Assert.Equal(commands.Order(), received.Select(o => o.Message.GetProperty("commandId").GetGuid()).Order());
        pair.AssertEachContactInOrderAndNeverConcurrent(sequences: 6);
        // Each partition worked by the instance that prefers it: the even ones by the first, the odd ones by the second.
        Assert.All(pair.Timeline.Worked, worked => Assert.Equal(PartitionOf(worked.Queue) % 2 == 0 ? "first" : "second", worked.Instance));
        Assert.Contains(pair.Timeline.Worked, worked => worked.Instance == "second");
    }

    [Fact]
    public async Task An_instance_that_goes_away_hands_its_partitions_to_the_standby_and_nothing_is_lost()
    {
        await using var pair = await TwoInstances.StartAsync();
        await using var outcomes = await QueueProbe.BindOnAsync(pair.First.RabbitMq, "MessageAccepted", "MessageRejected");

        var before = await pair.SendAsync(pair.First, sequences: Enumerable.Range(0, 3));
        await Eventually.GetAsync(() => Task.FromResult(pair.Timeline.Worked), worked => worked.Any(w => w.Instance == "first"));
        await pair.First.DisposeAsync();
        var after = await pair.SendAsync(pair.Second, sequences: Enumerable.Range(3, 3));

        var received = await outcomes.TakeAsync(before.Count + after.Count, TimeSpan.FromSeconds(90), only: BusMessage.Of(pair.Account));
        Assert.True(received.Count == before.Count + after.Count, $"{received.Count} outcomes; holding: {pair.Holding()}");
        Assert.All(received, outcome => Assert.Equal("MessageAccepted", outcome.MessageType));
        Assert.Equal(before.Concat(after).Order(), received.Select(o => o.Message.GetProperty("commandId").GetGuid()).Order());
        pair.AssertEachContactInOrderAndNeverConcurrent(sequences: 6);
        // The first instance's partitions went on with the second: every later command was worked there.
        Assert.All(pair.Timeline.Worked.Where(w => w.Sequence >= 3), worked => Assert.Equal("second", worked.Instance));
        Assert.Contains(pair.Timeline.Worked, w => w.Instance == "first" && PartitionOf(w.Queue) % 2 == 0);
        Assert.Contains(pair.Timeline.Worked, w => w.Instance == "second" && PartitionOf(w.Queue) % 2 == 0);
    }

    [Fact]
    public async Task Partitions_route_through_the_shared_queues_the_single_instance_topology_declares()
    {
        await using var single = new AppFactory([("Bus:InstanceId", "")]);
        single.CreateClient().Dispose();
        await BrokerTopology.WaitForConsumersAsync(single.RabbitMq, new Dictionary<string, int> { [Outbound] = 1, [Sessions] = 1 });
        var singleQueues = BrokerTopology.Queues(single.RabbitMq);
        var singleBindings = BrokerTopology.Bindings(single.RabbitMq);
        await using var pair = await TwoInstances.StartAsync();
        var queues = BrokerTopology.Queues(pair.First.RabbitMq);
        var bindings = BrokerTopology.Bindings(pair.First.RabbitMq);

        // Today's topology with Partitions 0: the shared queues and their bindings, no partition queue, no single active consumer.
        foreach (var bindingsOf in new[] { singleBindings, bindings })
        {
            Assert.All(OutboundCommands, type => Assert.Contains($"Conecta.Channels.Contracts.Commands:{type} -> {Outbound}", bindingsOf));
            Assert.All(ConversationCommands, type => Assert.Contains($"Conecta.Channels.Contracts.Commands:{type} -> {Sessions}", bindingsOf));
            Assert.Contains($"{Outbound} -> {Outbound}", bindingsOf);
            Assert.Contains($"{Sessions} -> {Sessions}", bindingsOf);
        }
        Assert.DoesNotContain(singleQueues.Keys, name => name.Contains("-p", StringComparison.Ordinal));
        Assert.All(new[] { Outbound, Sessions }, name => Assert.False(singleQueues[name].Arguments.ContainsKey("x-single-active-consumer")));
        Assert.All(new[] { Outbound, Sessions }, name => Assert.Equal("classic", singleQueues[name].Type));
        // With partitions: the same bindings of the shared queues, read by one active router; each partition queue bound
        // only from its own exchange (nothing but the router sends there), single active consumer.
        var shared = bindings.Where(b => !b.Contains("-p", StringComparison.Ordinal)).ToHashSet();
        // The registration without partitions also declares a queue of the consumer's default name that no command exchange
        // is bound to (MassTransit's name for an endpoint configured by .Endpoint(...)): it holds nothing either way.
        singleBindings = singleBindings.Where(b => b != "ConversationCommands -> ConversationCommands").ToHashSet();
        Assert.True(singleBindings.SetEquals(shared), $"only without partitions: {string.Join("; ", singleBindings.Except(shared))}; only with: {string.Join("; ", shared.Except(singleBindings))}");
        foreach (var name in new[] { Outbound, Sessions }.Concat(PartitionQueues(Outbound)).Concat(PartitionQueues(Sessions)))
            Assert.True(queues[name].Arguments["x-single-active-consumer"].GetBoolean(), name);
        foreach (var partition in PartitionQueues(Outbound).Concat(PartitionQueues(Sessions)))
            Assert.Equal(new[] { $"{partition} -> {partition}" }, bindings.Where(b => b.EndsWith(" -> " + partition, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Quorum_queues_dead_letter_a_message_delivered_more_often_than_the_delivery_limit()
    {
        var partition = Partitions.QueueOf(Outbound, 0);
        string broker;
        // Quorum queues with the partitions' single active consumer; the poison check on the given-up queue below.
        await using (var app = new AppFactory([("Bus:InstanceId", ""), ("Bus:Topology:Partitions", "2"), ("Bus:Topology:QueueType", "Quorum"),
                         ("Bus:Topology:DeliveryLimit", "2")]))
        {
            app.CreateClient().Dispose();
            broker = app.RabbitMq;
            await BrokerTopology.WaitForConsumersAsync(broker, new Dictionary<string, int> { [Outbound] = 1, [partition] = 1 });
            var queues = BrokerTopology.Queues(broker);
            foreach (var name in new[] { Outbound, Sessions, partition, "conecta-outbound-given-up" })
            {
                Assert.Equal("quorum", queues[name].Type);
                Assert.Equal(2, queues[name].Arguments["x-delivery-limit"].GetInt32());
                Assert.Equal(QueueTypes.PoisonQueueOf(name), queues[name].Arguments["x-dead-letter-exchange"].GetString());
                Assert.Equal("quorum", queues[QueueTypes.PoisonQueueOf(name)].Type);
            }
            Assert.Equal("quorum", queues["conecta-events"].Type);
        }

        // A message whose every delivery ends its consumer (here: returned unacknowledged, as a crash returns it), on a queue
        // without a single active consumer (RabbitMQ refuses basic.get there).
        const string target = "conecta-outbound-given-up";
        await using var connection = await new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(broker) }.CreateConnectionAsync();
        // With confirms: a quorum queue stores a message once its log has it, and a get before that finds nothing.
        await using var channel = await connection.CreateChannelAsync(new RabbitMQ.Client.CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var body = "{\"poison\":true}"u8.ToArray();
        await channel.BasicPublishAsync(target, "", mandatory: true, new RabbitMQ.Client.BasicProperties { Persistent = true }, body);
        var deliveries = 0;
        RabbitMQ.Client.BasicGetResult? poisoned = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (poisoned is null && DateTime.UtcNow < deadline)
        {
            if (await channel.BasicGetAsync(target, autoAck: false) is { } delivery)
            {
                deliveries++;
                await channel.BasicRejectAsync(delivery.DeliveryTag, requeue: true);
            }
            else await Task.Delay(50);
            poisoned = await channel.BasicGetAsync(QueueTypes.PoisonQueueOf(target), autoAck: true);
        }

        Assert.NotNull(poisoned);
        Assert.Equal(body, poisoned.Body.ToArray());
        // The first delivery and DeliveryLimit redeliveries, each returned: then the broker dead-letters it.
        Assert.Equal(3, deliveries);
    }

    private static IEnumerable<string> PartitionQueues(string queue) => Enumerable.Range(0, PartitionCount).Select(p => Partitions.QueueOf(queue, p));

    private static int PartitionOf(string queue) => int.Parse(queue[(queue.LastIndexOf("-p", StringComparison.Ordinal) + 2)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The two instances, the Graph fake they both call, the account and the contacts (two per partition).</summary>
    private sealed class TwoInstances : IAsyncDisposable
    {
        private readonly WireMockServer _graph;
        private readonly List<string> _contacts;

        private TwoInstances(AppFactory first, AppFactory second, WireMockServer graph, string account, List<string> contacts)
        {
            First = first;
            Second = second;
            _graph = graph;
            Account = account;
            _contacts = contacts;
            Timeline.Watch(first.Services.GetRequiredService<IBus>(), "first");
            Timeline.Watch(second.Services.GetRequiredService<IBus>(), "second");
        }

        public AppFactory First { get; }

        public AppFactory Second { get; }

        public string Account { get; }

        public ContactTimeline Timeline { get; } = new();

        /// <summary>
        /// How long the fake takes to answer a send: a contact's next send arriving sooner after one than this would have
        /// been made while the one before was still being worked.
        /// </summary>
        public static readonly TimeSpan GraphDelay = TimeSpan.FromMilliseconds(50);

        public static async Task<TwoInstances> StartAsync()
        {
            var graph = WireMockServer.Start();
            // The first never subscribes to the odd partitions within a test; the second stands by for the even ones at once.
            var first = new AppFactory(Settings(graph, index: 0, standbyDelay: "1.00:00:00"));
            first.CreateClient().Dispose();
            await BrokerTopology.WaitForConsumersAsync(first.RabbitMq, PartitionQueues(Outbound).Concat(PartitionQueues(Sessions))
                .ToDictionary(q => q, q => PartitionOf(q) % 2 == 0 ? 1 : -1));
            var second = new AppFactory([
                .. Settings(graph, index: 1, standbyDelay: "00:00:00"),
                ("ConnectionStrings:RabbitMq", first.RabbitMq),
                ("ConnectionStrings:Postgres", Infrastructure.Servers.PostgresService(first.DatabaseName)),
                ("ConnectionStrings:PostgresMigrations", first.PostgresConnectionString),
            ]);
            second.CreateClient().Dispose();
            await BrokerTopology.WaitForConsumersAsync(first.RabbitMq, PartitionQueues(Outbound).Concat(PartitionQueues(Sessions))
                .ToDictionary(q => q, q => PartitionOf(q) % 2 == 0 ? 2 : 1));
            var account = await RegisteredAccounts.RegisterAsync(first, ratePerSecond: 1000);
            graph.Given(Request.Create().WithPath($"/v24.0/{account}/messages").UsingPost())
                .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBody(GraphFake.Accepted("wamid.P", "5531990000000")).WithDelay(GraphDelay));
            var contacts = ContactsOverEveryPartition(first, account);
            using var client = first.CreateClient();
            foreach (var contact in contacts)
                (await SignedPosts.PostAsync(client, ContactWrites.InboundText(account, contact, "oi"))).EnsureSuccessStatusCode();
            foreach (var contact in contacts) await Conversations.StateAsync(first, account, contact, "Open");
            return new TwoInstances(first, second, graph, account, contacts);
        }

        private static (string Key, string Value)[] Settings(WireMockServer graph, int index, string standbyDelay) =>
        [
            ("Bus:InstanceId", ""),
            ("Bus:Topology:Partitions", PartitionCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Bus:Topology:InstanceCount", "2"),
            ("Bus:Topology:InstanceIndex", index.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Bus:Topology:StandbyDelay", standbyDelay),
            // Strict arrival order (docs/scaling.md): above 1, MassTransit may dispatch a contact's later command to the
            // in-memory partitioner first. What is under test is across instances: who works a partition, and the handover.
            ("Bus:Topology:RouterPrefetch", "1"),
            ("Bus:Topology:PartitionPrefetch", "1"),
            ("Outbound:RecipientLimit", "1000"),
            // A command the instance that went away was working is held by its lease: the retries outlast a short one.
            ("Outbound:CommandLease", "00:00:08"),
            ("Outbound:MaxWait", "00:00:02"),
            ("WhatsApp:GraphTotalTimeout", "00:00:04"),
            ("Outbound:RetryIntervals:3", "00:00:03"),
            ("Outbound:RetryIntervals:4", "00:00:05"),
            ("WhatsApp:GraphBaseUrl", graph.Url!),
        ];

        /// <summary>Brazilian mobiles, picked so that each partition has <see cref="ContactsPerPartition"/> of them.</summary>
        private static List<string> ContactsOverEveryPartition(AppFactory app, string account)
        {
            var channels = app.Services.GetRequiredService<ChannelRegistry>();
            return Enumerable.Range(0, 1000).Select(i => "55319" + (90_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))
                .GroupBy(contact => Partitions.Of(channels.PartitionKeyOf(account, contact), PartitionCount))
                .OrderBy(partition => partition.Key)
                .SelectMany(partition => partition.Take(ContactsPerPartition))
                .ToList();
        }

        /// <summary>For each sequence number in turn, one text to every contact, published in that order; their CommandIds.</summary>
        public async Task<List<Guid>> SendAsync(AppFactory through, IEnumerable<int> sequences)
        {
            var bus = through.Services.GetRequiredService<IBus>();
            var sent = new List<Guid>();
            foreach (var sequence in sequences)
                foreach (var contact in _contacts)
                {
                    var command = new SendText(Guid.NewGuid(), Account, contact, ContactTimeline.Text(sequence));
                    await bus.Publish(command);
                    sent.Add(command.CommandId);
                }
            return sent;
        }

        /// <summary>
        /// Every contact's texts reached the Graph fake once each, in sequence order, and never two at once: each send arrived
        /// at least the fake's answering time after the one before it, whichever instance made it.
        /// </summary>
        public void AssertEachContactInOrderAndNeverConcurrent(int sequences)
        {
            var sends = _graph.LogEntries.Where(e => e.RequestMessage.Path == $"/v24.0/{Account}/messages")
                .Select(e => (At: e.RequestMessage.DateTime, Body: JsonDocument.Parse(e.RequestMessage.Body!).RootElement))
                .Select(e => (e.At, To: e.Body.GetProperty("to").GetString()!, Text: e.Body.GetProperty("text").GetProperty("body").GetString()!))
                .OrderBy(e => e.At)
                .ToList();
            foreach (var contact in _contacts)
            {
                var ofContact = sends.Where(s => s.To == contact).ToList();
                Assert.Equal(Enumerable.Range(0, sequences).Select(ContactTimeline.Text), ofContact.Select(s => s.Text));
                Assert.All(ofContact.Zip(ofContact.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At >= GraphDelay,
                    $"{contact}: '{pair.Second.Text}' was sent {(pair.Second.At - pair.First.At).TotalMilliseconds} ms after '{pair.First.Text}', before its answer"));
                Assert.Equal(Enumerable.Range(0, sequences), Timeline.Worked.Where(w => w.Contact == contact).Select(w => w.Sequence).Order());
            }
        }

        /// <summary>For a failure's message: the queues still holding messages.</summary>
        public string Holding()
        {
            var holding = BrokerTopology.Queues(First.RabbitMq).Values.Where(q => q.Messages > 0).ToList();
            var why = new List<string>();
            using var connection = new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(First.RabbitMq) }.CreateConnectionAsync().GetAwaiter().GetResult();
            using var channel = connection.CreateChannelAsync().GetAwaiter().GetResult();
            foreach (var queue in holding.Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal)))
                if (channel.BasicGetAsync(queue.Name, autoAck: false).GetAwaiter().GetResult() is { } message)
                    why.Add(queue.Name + ": " + System.Text.Encoding.UTF8.GetString((byte[])message.BasicProperties.Headers!["MT-Fault-Message"]!));
            return string.Join(", ", holding.Select(q => $"{q.Name}: {q.Messages}")) + " | " + string.Join(" | ", why);
        }

        public async ValueTask DisposeAsync()
        {
            await Second.DisposeAsync();
            await First.DisposeAsync();
            _graph.Stop();
        }
    }
}
