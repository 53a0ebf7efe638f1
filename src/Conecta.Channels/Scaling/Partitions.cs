using System.IO.Hashing;
using System.Text;

namespace Conecta.Channels.Scaling;

/// <summary>Which partition queue a contact's commands go to.</summary>
internal static class Partitions
{
    /// <summary>
    /// A hash every instance and every release computes alike (string.GetHashCode is randomized per process), modulo
    /// the partitions: each contact key always lands on one partition, and the keys spread evenly.
    /// </summary>
    public static int Of(string partitionKey, int partitions) =>
        (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(partitionKey)) % (uint)partitions);

    /// <summary>The partition queue of <paramref name="queue"/>: conecta-outbound-p3.</summary>
    public static string QueueOf(string queue, int partition) =>
        queue + "-p" + partition.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
