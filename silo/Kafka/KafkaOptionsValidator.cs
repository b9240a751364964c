using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Kafka;

/// <summary>
/// Fails the start when no broker is configured and the embedded one is not allowed, so that a production silo
/// never quietly runs on an in-memory broker.
/// </summary>
internal sealed class KafkaOptionsValidator(IHostEnvironment environment, IEmbeddedKafka? embeddedKafka = null) : IValidateOptions<KafkaOptions>
{
    public ValidateOptionsResult Validate(string? name, KafkaOptions options)
    {
        if (options.UsesEmbeddedBroker && !(options.EmbeddedBroker.Enabled ?? environment.IsDevelopment()))
        {
            return ValidateOptionsResult.Fail(
                $"Kafka:BootstrapServers is empty in the {environment.EnvironmentName} environment. Set it to your brokers (host:port,...); " +
                "the embedded test broker runs only in Development or with Kafka:EmbeddedBroker:Enabled=true.");
        }

        if (options.UsesEmbeddedBroker && embeddedKafka is null)
        {
            return ValidateOptionsResult.Fail("Kafka:BootstrapServers is empty and this build has no embedded broker (built with CraftCXEmbedded=false); set Kafka:BootstrapServers.");
        }

        if (string.IsNullOrWhiteSpace(options.Topic))
        {
            return ValidateOptionsResult.Fail("Kafka:Topic is empty; set the name of the chat events topic.");
        }

        var others = new[] { options.Topic, options.DeadLetterTopicName, options.ScoresTopicName };
        return others.Contains(options.ImportTopicName, StringComparer.Ordinal)
            ? ValidateOptionsResult.Fail($"Kafka:ImportTopic '{options.ImportTopicName}' is also the events, dead-letter or scores topic; imports need a topic of their own to wait behind live traffic.")
            : ValidateOptionsResult.Success;
    }
}
