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

        if (!options.UsesEmbeddedBroker && BadBrokers(options.BootstrapServers!) is { Count: > 0 } bad)
        {
            return ValidateOptionsResult.Fail(
                $"Kafka:BootstrapServers must be a comma-separated list of host:port (port 1 to 65535); not: {string.Join(", ", bad.Select(b => $"'{b}'"))}.");
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

    // librdkafka also takes a scheme prefix (PLAINTEXT://host:port) and bracketed IPv6 addresses.
    private static List<string> BadBrokers(string list) =>
        list.Split(',', StringSplitOptions.TrimEntries)
            .Where(entry =>
            {
                var address = entry.Contains("://", StringComparison.Ordinal) ? entry[(entry.IndexOf("://", StringComparison.Ordinal) + 3)..] : entry;
                var colon = address.LastIndexOf(':');
                return colon <= 0
                    || address[..colon].Trim('[', ']').Length == 0
                    || !int.TryParse(address[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
                    || port is < 1 or > 65535;
            })
            .ToList();
}
