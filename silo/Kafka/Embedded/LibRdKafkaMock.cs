using System.Reflection;
using System.Runtime.InteropServices;

namespace CraftCX.Silo.Kafka.Embedded;

/// <summary>
/// P/Invoke into librdkafka's mock cluster (rdkafka_mock.h). The import resolves to the very file that
/// Confluent.Kafka loaded, so the process holds one copy of librdkafka: on Debian 12 the package's plain
/// librdkafka.so needs libsasl2.so.3 and fails, and Confluent.Kafka falls back to centos8-librdkafka.so.
/// </summary>
internal static class LibRdKafkaMock
{
    private const string LibraryName = "craftcx-librdkafka";
    private static readonly object ResolverLock = new();
    private static bool _resolverSet;

    /// <summary>Registers the import resolver once per process; DllImport resolution is process-wide by nature.</summary>
    public static void EnsureLoaded()
    {
        lock (ResolverLock)
        {
            if (_resolverSet)
            {
                return;
            }

            // Make Confluent.Kafka pick and load its native library first.
            _ = Confluent.Kafka.Library.Version;
            NativeLibrary.SetDllImportResolver(typeof(LibRdKafkaMock).Assembly, Resolve);
            _resolverSet = true;
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibraryName)
        {
            return IntPtr.Zero;
        }

        var confluent = typeof(Confluent.Kafka.Library).Assembly;
        foreach (var candidate in new[] { "librdkafka", "centos8-librdkafka" })
        {
            if (NativeLibrary.TryLoad(candidate, confluent, null, out var handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException("librdkafka could not be loaded from the librdkafka.redist package (tried librdkafka and centos8-librdkafka).");
    }

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr rd_kafka_conf_new();

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    public static extern int rd_kafka_conf_set(
        IntPtr conf,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string name,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string value,
        byte[] errstr,
        UIntPtr errstrSize);

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr rd_kafka_new(int type, IntPtr conf, byte[] errstr, UIntPtr errstrSize);

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_destroy(IntPtr rk);

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_mock_cluster_destroy(IntPtr cluster);

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    public static extern int rd_kafka_mock_topic_create(
        IntPtr cluster,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string topic,
        int partitions,
        int replicationFactor);

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr cluster, int delayMs);

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    public static extern int rd_kafka_mock_broker_set_down(IntPtr cluster, int brokerId);

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    public static extern int rd_kafka_mock_broker_set_up(IntPtr cluster, int brokerId);
}
