using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using MassTransit.Serialization;

namespace Platform.Contracts.Tests.Catalog;

/// <summary>
/// A contract's JSON schema as System.Text.Json derives it from the C# type, with MassTransit's serializer options
/// (names, numbers and converters as on the wire), described by the type's XML comments.
/// </summary>
internal static class ContractSchema
{
    // Nullability comes from the C# annotations, the contract's intent: MassTransit's options do not enforce them
    // when reading, but every publisher writes a non-nullable member, and a consumer may count on it.
    private static readonly JsonSerializerOptions Options =
        new(SystemTextJsonMessageSerializer.Options) { RespectNullableAnnotations = true };

    public static JsonObject Of(Type contract, ContractDocs docs) =>
        JsonSchemaExporter.GetJsonSchemaAsNode(Options, contract, new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, schema) =>
            {
                var description = context.PropertyInfo?.AttributeProvider is PropertyInfo property
                    ? docs.Of(property) ?? CommonFields.Describe(context.PropertyInfo.Name)
                    : context.TypeInfo.Type.Namespace == contract.Namespace ? docs.Of(context.TypeInfo.Type) : null;
                if (description is not null && schema is JsonObject node)
                {
                    node.Insert(0, "description", description);
                }

                return schema;
            },
        }).AsObject();
}
