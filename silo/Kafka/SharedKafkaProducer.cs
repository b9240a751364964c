using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace CraftCX.Silo.Kafka;

/// <summary>One idempotent producer per process for dead letters, HTTP ingestion and the demo (librdkafka batches across them).</summary>
internal sealed partial class SharedKafkaProducer : IDisposable
{
    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly ILogger<SharedKafkaProducer> _logger;
    private readonly RepeatedErrorFilter _errors;

    public SharedKafkaProducer(KafkaClientConfigs configs, TimeProvider time, ILogger<SharedKafkaProducer> logger)
    {
        _logger = logger;
        _errors = new RepeatedErrorFilter(TimeSpan.FromSeconds(30), time);
        _producer = new ProducerBuilder<byte[]?, byte[]>(configs.Producer("craftcx-producer-" + Environment.MachineName))
            .SetErrorHandler((_, error) =>
            {
                if (error.IsFatal || _errors.ShouldLog(error.Code.ToString()))
                {
                    LogKafkaError(error.Code, error.Reason, error.IsFatal);
                }
            })
            .SetLogHandler((_, message) => LogLibrdkafka(LogLevel.Debug, message.Facility, message.Message))
            .Build();
    }

    public Task<DeliveryResult<byte[]?, byte[]>> ProduceAsync(string topic, Message<byte[]?, byte[]> message, CancellationToken cancellationToken = default) =>
        _producer.ProduceAsync(topic, message, cancellationToken);

    public void Dispose()
    {
        try
        {
            // Bounded: with the brokers gone, waiting for delivery would hold up the whole shutdown.
            _producer.Flush(TimeSpan.FromSeconds(5));
        }
        finally
        {
            _producer.Dispose();
        }
    }

    [LoggerMessage(Message = "librdkafka producer {Facility}: {Message}")]
    private partial void LogLibrdkafka(LogLevel level, string facility, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka producer: {Code} {Reason} (fatal: {Fatal})")]
    private partial void LogKafkaError(ErrorCode code, string reason, bool fatal);
}
