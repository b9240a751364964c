using System.Runtime.InteropServices;
using System.Text;

namespace CraftCX.Silo.Kafka.Embedded;

/// <summary>
/// An in-process Kafka-protocol broker: librdkafka's mock cluster listening on real loopback sockets, so that
/// any Kafka client (Confluent.Kafka, kcat) talks to it over the network exactly as to a real broker.
/// Known limits: each partition keeps only its last 5 MiB; topics must be created here, not via the Admin API.
/// </summary>
internal sealed class MockKafkaCluster : IDisposable
{
    private readonly object _lock = new();
    private IntPtr _handle;
    private IntPtr _cluster;

    private MockKafkaCluster(IntPtr handle, IntPtr cluster, string bootstrapServers, int brokers)
    {
        _handle = handle;
        _cluster = cluster;
        BootstrapServers = bootstrapServers;
        Brokers = brokers;
    }

    public string BootstrapServers { get; }

    public int Brokers { get; }

    public static MockKafkaCluster Start(int brokers = 1)
    {
        LibRdKafkaMock.EnsureLoaded();
        var error = new byte[512];
        var conf = LibRdKafkaMock.rd_kafka_conf_new();
        // The mock needs a client handle to live in; a quiet producer with no brokers of its own does.
        LibRdKafkaMock.rd_kafka_conf_set(conf, "log_level", "3", error, (UIntPtr)error.Length);
        var handle = LibRdKafkaMock.rd_kafka_new(0, conf, error, (UIntPtr)error.Length);
        if (handle == IntPtr.Zero)
        {
            throw new InvalidOperationException("librdkafka refused to create the mock's client handle: " + ReadError(error));
        }

        var cluster = LibRdKafkaMock.rd_kafka_mock_cluster_new(handle, brokers);
        if (cluster == IntPtr.Zero)
        {
            LibRdKafkaMock.rd_kafka_destroy(handle);
            throw new InvalidOperationException("librdkafka could not start its mock cluster.");
        }

        // A new consumer group is assigned at once instead of after the default 3 s delay.
        LibRdKafkaMock.rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, 0);
        var bootstrap = Marshal.PtrToStringUTF8(LibRdKafkaMock.rd_kafka_mock_cluster_bootstraps(cluster))
            ?? throw new InvalidOperationException("The mock cluster reported no bootstrap address.");
        return new MockKafkaCluster(handle, cluster, bootstrap, brokers);
    }

    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            var error = LibRdKafkaMock.rd_kafka_mock_topic_create(_cluster, topic, partitions, replicationFactor);
            if (error != 0)
            {
                throw new InvalidOperationException($"The mock cluster could not create topic '{topic}' (librdkafka error {error}).");
            }
        }
    }

    /// <summary>Takes a broker off the network (fault injection); clients see connection errors until it is up again.</summary>
    public void SetBrokerDown(int brokerId = 1) => Call(c => LibRdKafkaMock.rd_kafka_mock_broker_set_down(c, brokerId));

    public void SetBrokerUp(int brokerId = 1) => Call(c => LibRdKafkaMock.rd_kafka_mock_broker_set_up(c, brokerId));

    public void Dispose()
    {
        lock (_lock)
        {
            if (_cluster != IntPtr.Zero)
            {
                LibRdKafkaMock.rd_kafka_mock_cluster_destroy(_cluster);
                _cluster = IntPtr.Zero;
            }

            if (_handle != IntPtr.Zero)
            {
                LibRdKafkaMock.rd_kafka_destroy(_handle);
                _handle = IntPtr.Zero;
            }
        }
    }

    private void Call(Func<IntPtr, int> action)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            var error = action(_cluster);
            if (error != 0)
            {
                throw new InvalidOperationException($"Mock cluster call failed (librdkafka error {error}).");
            }
        }
    }

    private static string ReadError(byte[] error)
    {
        var length = Array.IndexOf(error, (byte)0);
        return Encoding.UTF8.GetString(error, 0, length < 0 ? error.Length : length);
    }
}
