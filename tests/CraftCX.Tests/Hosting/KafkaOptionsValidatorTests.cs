using CraftCX.Silo.Kafka;
using CraftCX.Silo.Kafka.Embedded;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace CraftCX.Tests.Hosting;

[Trait("Category", "Unit")]
public sealed class KafkaOptionsValidatorTests
{
    private static HostingEnvironment Environment(string name) => new() { EnvironmentName = name };

    [Fact]
    public void An_empty_broker_list_is_the_embedded_broker_only_where_it_is_allowed_and_built_in()
    {
        var empty = new KafkaOptions();
        Assert.True(new KafkaOptionsValidator(Environment(Environments.Development), new EmbeddedKafka()).Validate(null, empty).Succeeded);
        Assert.Contains("Kafka:EmbeddedBroker:Enabled", new KafkaOptionsValidator(Environment(Environments.Production), new EmbeddedKafka()).Validate(null, empty).FailureMessage);

        var enabled = new KafkaOptions { EmbeddedBroker = new EmbeddedBrokerOptions { Enabled = true } };
        Assert.True(new KafkaOptionsValidator(Environment(Environments.Production), new EmbeddedKafka()).Validate(null, enabled).Succeeded);

        // A production build has no embedded broker to start, whatever the settings say.
        Assert.Contains("CraftCXEmbedded=false", new KafkaOptionsValidator(Environment(Environments.Development)).Validate(null, empty).FailureMessage);
        Assert.True(new KafkaOptionsValidator(Environment(Environments.Production)).Validate(null, new KafkaOptions { BootstrapServers = "kafka:9092" }).Succeeded);
    }
}
