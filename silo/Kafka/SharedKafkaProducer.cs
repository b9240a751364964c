using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace CraftCX.Silo.Kafka;

/// <summary>One idempotent producer per process for dead letters, HTTP ingestion and the demo (librdkafka batches across them).</summary>
public sealed partial class SharedKafkaProducer : IDisposable
{
    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly ILogger<SharedKafkaProducer> _logger;

    public SharedKafkaProducer(KafkaClientConfigs configs, ILogger<SharedKafkaProducer> logger)
    {
        _logger = logger;
        _producer = new ProducerBuilder<byte[]?, byte[]>(configs.Producer("craftcx-producer-" + Environment.MachineName))
            .SetErrorHandler((_, error) => LogKafkaError(error.Code, error.Reason, error.IsFatal))
            .Build();
    }

    public Task<DeliveryResult<byte[]?, byte[]>> ProduceAsync(string topic, Message<byte[]?, byte[]> message, CancellationToken cancellationToken = default) =>
        _producer.ProduceAsync(topic, message, cancellationToken);

    public void Dispose()
    {
        try
        {
            _producer.Flush(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _producer.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka producer: {Code} {Reason} (fatal: {Fatal})")]
    private partial void LogKafkaError(ErrorCode code, string reason, bool fatal);
}
