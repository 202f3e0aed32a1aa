using Platform.ServiceDefaults.Messaging;
using Xunit;

namespace Platform.Messaging.Tests.Queues;

/// <summary>Which RabbitMQ nodes a bus may connect to, from RabbitMq:Host/Port or RabbitMq:Hosts.</summary>
public sealed class Reading_the_broker_nodes
{
    [Fact]
    public void Takes_host_and_port_when_no_hosts_are_given()
    {
        var options = new RabbitMqOptions { Host = "rabbitmq", Port = 5673, Hosts = ["", " "] };

        Assert.Equal([("rabbitmq", (ushort)5673)], BrokerNodes.Parse(options));
    }

    [Fact]
    public void Takes_every_node_of_hosts_in_order_with_the_port_defaulting_to_port()
    {
        var options = new RabbitMqOptions { Host = "ignored", Port = 5672, Hosts = ["rabbit-0:5680", " rabbit-1 ", "10.0.0.3:5682"] };

        Assert.Equal([("rabbit-0", (ushort)5680), ("rabbit-1", (ushort)5672), ("10.0.0.3", (ushort)5682)], BrokerNodes.Parse(options));
    }

    [Theory]
    [InlineData("rabbit-0:")]
    [InlineData("rabbit-0:0")]
    [InlineData("rabbit-0:70000")]
    [InlineData("rabbit-0:amqp")]
    public void Refuses_a_node_whose_port_is_not_a_port(string node) =>
        Assert.Throws<ArgumentException>(() => BrokerNodes.Parse(new RabbitMqOptions { Hosts = [node] }));
}
