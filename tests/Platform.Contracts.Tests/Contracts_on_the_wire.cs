using System.Reflection;
using System.Text.Json;
using System.Xml.Linq;
using MassTransit.Serialization;
using Platform.Testing;
using Xunit;

namespace Platform.Contracts.Tests;

/// <summary>
/// The contracts are public: other teams and other languages bind to these names and this JSON. An accidental change
/// must fail here; a deliberate one updates the snapshot in the same commit (and is additive only).
/// </summary>
public sealed class Contracts_on_the_wire
{
    public static TheoryData<string> Contracts() => [.. ContractSamples.ContractTypes().Select(t => t.Name)];

    public static TheoryData<string> Messages() => [.. ContractSamples.ContractTypes().Where(ContractSamples.IsMessage).Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Serialize_exactly_as_their_snapshot(string contract)
    {
        var indented = WireJson.Text(WireJson.Of(Sample(contract)));
        var snapshot = Path.Combine(AppContext.BaseDirectory, "Snapshots", contract + ".json");

        if (!File.Exists(snapshot))
        {
            var received = Path.Combine(RepositoryRoot.Path, "tests", "Platform.Contracts.Tests", "Snapshots", contract + ".received.json");
            File.WriteAllText(received, indented + "\n");
            Assert.Fail($"No snapshot for {contract}; review {received} and rename it to {contract}.json.");
        }

        Assert.Equal(File.ReadAllText(snapshot).TrimEnd(), indented);
    }

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Read_back_from_their_snapshot(string contract)
    {
        var sample = Sample(contract);
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Snapshots", contract + ".json"));

        var read = JsonSerializer.Deserialize(json, sample.GetType(), SystemTextJsonMessageSerializer.Options);

        // Compared as JSON: records compare their lists by reference.
        Assert.Equal(
            JsonSerializer.Serialize(sample, sample.GetType(), SystemTextJsonMessageSerializer.Options),
            JsonSerializer.Serialize(read, sample.GetType(), SystemTextJsonMessageSerializer.Options));
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Refuse_a_message_without_its_event_id(string contract)
    {
        var sample = Sample(contract);
        var json = JsonSerializer.SerializeToNode(sample, sample.GetType(), SystemTextJsonMessageSerializer.Options)!.AsObject();
        json.Remove("eventId");

        Assert.ThrowsAny<JsonException>(() =>
            JsonSerializer.Deserialize(json.ToJsonString(), sample.GetType(), SystemTextJsonMessageSerializer.Options));
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Carry_an_event_id_a_time_and_the_domain_or_user_they_are_about(string contract)
    {
        var type = Sample(contract).GetType();

        Assert.Equal("Platform.Contracts", type.Namespace);
        AssertRequired(type, "EventId", typeof(Guid));
        AssertRequired(type, "OccurredAt", typeof(DateTimeOffset));
        AssertRequired(type, "Domain", typeof(string));
        if (!ContractSamples.AboutADomain.Contains(type))
        {
            AssertRequired(type, "Email", typeof(string));
        }
    }

    [Fact]
    public void Depend_on_no_package_or_project()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot.Path, "shared", "Platform.Contracts", "Platform.Contracts.csproj"));

        Assert.DoesNotContain(project.Descendants(), e => e.Name.LocalName is "PackageReference" or "ProjectReference");
    }

    private static object Sample(string contract)
    {
        var type = ContractSamples.ContractTypes().Single(t => t.Name == contract);
        Assert.True(ContractSamples.ByType.TryGetValue(type, out var sample), $"Add a sample of {contract} to ContractSamples.");
        return sample!;
    }

    private static void AssertRequired(Type type, string name, Type propertyType)
    {
        var property = type.GetProperty(name);
        Assert.True(property is not null, $"{type.Name} has no {name}.");
        Assert.Equal(propertyType, property.PropertyType);
        Assert.True(property.GetCustomAttribute<System.Runtime.CompilerServices.RequiredMemberAttribute>() is not null
            || type.GetCustomAttribute<System.Runtime.CompilerServices.RequiredMemberAttribute>() is not null,
            $"{type.Name}.{name} is not required.");
    }
}
