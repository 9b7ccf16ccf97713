using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos.Serialization.HybridRow;
using Microsoft.Azure.Cosmos.Serialization.HybridRow.IO;
using Microsoft.Azure.Cosmos.Serialization.HybridRow.Layouts;
using Microsoft.Azure.Cosmos.Serialization.HybridRow.RecordIO;
using Microsoft.Azure.Cosmos.Serialization.HybridRow.Schemas;

namespace IncidentBot.Testing.Fakes.Cosmos;

/// <summary>
/// The .NET SDK sends a transactional batch as HybridRow records (a binary format), while the
/// test server, written for the JavaScript SDK, takes the same batch as a JSON array. This
/// translates requests one way and results the other, with Microsoft's own HybridRow library
/// (shipped inside Microsoft.Azure.Cosmos). The two row layouts are those of the Cosmos DB batch
/// protocol: one row per operation, one per result.
/// </summary>
internal static class HybridRowBatchCodec
{
    // The SDK's OperationType numbers for the operations a batch carries.
    private static readonly Dictionary<int, string> OperationNames = new()
    {
        [0] = "Create",
        [2] = "Read",
        [4] = "Delete",
        [5] = "Replace",
        [20] = "Upsert",
    };

    private static readonly (LayoutResolverNamespace Resolver, Layout Operation, Layout Result) Layouts = BuildLayouts();

    private static LayoutResolverNamespace Resolver => Layouts.Resolver;

    private static Layout ResultLayout => Layouts.Result;

    /// <summary>The batch's operations as the JSON the test server reads.</summary>
    public static async Task<JsonArray> ReadOperationsAsync(byte[] body, string? partitionKeyHeader)
    {
        var operations = new JsonArray();
        string? problem = null;
        var result = await RecordIOStream.ReadRecordIOAsync(
            new MemoryStream(body, writable: false),
            (ReadOnlyMemory<byte> record) =>
            {
                var operation = ReadOperation(record, partitionKeyHeader, out problem);
                if (operation is null)
                    return Result.Failure;
                operations.Add(operation);
                return Result.Success;
            },
            (ReadOnlyMemory<byte> _) => Result.Success,
            new MemorySpanResizer<byte>(Math.Max(body.Length, 64)));
        if (result != Result.Success)
            throw new InvalidDataException($"The batch request could not be read as HybridRow records ({result}): {problem}");
        return operations;
    }

    /// <summary>The test server's JSON results as the HybridRow records the SDK reads.</summary>
    public static async Task<byte[]> WriteResultsAsync(JsonArray results)
    {
        var rows = results.Select(WriteResult).ToArray();
        var stream = new MemoryStream();
        var written = await RecordIOStream.WriteRecordIOAsync(stream, default, (long index, out ReadOnlyMemory<byte> buffer) =>
        {
            buffer = index < rows.Length ? rows[index] : default;
            return Result.Success;
        });
        if (written != Result.Success)
            throw new InvalidOperationException($"The batch results could not be written as HybridRow records ({written}).");
        return stream.ToArray();
    }

    private static JsonObject? ReadOperation(ReadOnlyMemory<byte> record, string? partitionKeyHeader, out string? problem)
    {
        problem = null;
        var row = new RowBuffer(record.Length);
        if (!row.ReadFrom(record.Span, HybridRowVersion.V1, Resolver))
        {
            problem = "not a HybridRow V1 row";
            return null;
        }
        var operation = new JsonObject();
        var reader = new RowReader(ref row);
        while (reader.Read())
        {
            switch (reader.Path.ToString())
            {
                case "operationType":
                    reader.ReadInt32(out var type);
                    if (!OperationNames.TryGetValue(type, out var name))
                    {
                        problem = $"operation type {type} is not one the test server runs in a batch";
                        return null;
                    }
                    operation["operationType"] = name;
                    break;
                case "id":
                    reader.ReadString(out string id);
                    operation["id"] = id;
                    break;
                case "partitionKey":
                    reader.ReadString(out string partitionKey);
                    operation["partitionKey"] = partitionKey;
                    break;
                case "ifMatch":
                    reader.ReadString(out string ifMatch);
                    operation["ifMatch"] = ifMatch;
                    break;
                case "resourceBody":
                    reader.ReadBinary(out byte[] resource);
                    operation["resourceBody"] = JsonNode.Parse(resource);
                    break;
                default:
                    break; // resourceType, minimalReturnPreference: nothing the test server needs
            }
        }
        if (!operation.ContainsKey("partitionKey") && partitionKeyHeader is not null)
            operation["partitionKey"] = partitionKeyHeader;
        return operation;
    }

    private static byte[] WriteResult(JsonNode? result)
    {
        var status = result?["statusCode"]?.GetValue<int>() ?? 500;
        var etag = result?["eTag"]?.GetValue<string>();
        var charge = result?["requestCharge"]?.GetValue<double>() ?? 0;
        var body = result?["resourceBody"] is JsonObject resource ? Encoding.UTF8.GetBytes(resource.ToJsonString()) : null;
        var row = new RowBuffer(256 + (body?.Length ?? 0));
        row.InitLayout(HybridRowVersion.V1, ResultLayout, Resolver);
        var written = RowWriter.WriteBuffer(ref row, (status, etag, charge, body), static (ref RowWriter writer, TypeArgument _, (int Status, string? ETag, double Charge, byte[]? Body) value) =>
        {
            var r = writer.WriteInt32("statusCode", value.Status);
            if (r == Result.Success)
                r = writer.WriteInt32("subStatusCode", 0);
            if (r == Result.Success && value.ETag is not null)
                r = writer.WriteString("eTag", value.ETag);
            if (r == Result.Success && value.Body is not null)
                r = writer.WriteBinary("resourceBody", value.Body);
            if (r == Result.Success)
                r = writer.WriteFloat64("requestCharge", value.Charge);
            return r;
        });
        if (written != Result.Success)
            throw new InvalidOperationException($"A batch result could not be written ({written}).");
        return row.ToArray();
    }

    private static (LayoutResolverNamespace, Layout, Layout) BuildLayouts()
    {
        var batchApi = new Namespace { Name = "Microsoft.Azure.Cosmos.BatchApi", Version = SchemaLanguageVersion.V1 };
        var operation = Schema("BatchOperation", 2145473648,
            ("operationType", TypeKind.Int32, StorageKind.Fixed),
            ("resourceType", TypeKind.Int32, StorageKind.Fixed),
            ("partitionKey", TypeKind.Utf8, StorageKind.Variable),
            ("effectivePartitionKey", TypeKind.Binary, StorageKind.Variable),
            ("id", TypeKind.Utf8, StorageKind.Variable),
            ("binaryId", TypeKind.Binary, StorageKind.Variable),
            ("resourceBody", TypeKind.Binary, StorageKind.Variable),
            ("indexingDirective", TypeKind.Utf8, StorageKind.Sparse),
            ("ifMatch", TypeKind.Utf8, StorageKind.Sparse),
            ("ifNoneMatch", TypeKind.Utf8, StorageKind.Sparse),
            ("timeToLiveInSeconds", TypeKind.Int32, StorageKind.Sparse),
            ("minimalReturnPreference", TypeKind.Boolean, StorageKind.Sparse));
        var result = Schema("BatchResult", 2145473649,
            ("statusCode", TypeKind.Int32, StorageKind.Fixed),
            ("subStatusCode", TypeKind.Int32, StorageKind.Fixed),
            ("eTag", TypeKind.Utf8, StorageKind.Variable),
            ("resourceBody", TypeKind.Binary, StorageKind.Variable),
            ("retryAfterMilliseconds", TypeKind.UInt32, StorageKind.Sparse),
            ("requestCharge", TypeKind.Float64, StorageKind.Sparse));
        batchApi.Schemas.Add(operation);
        batchApi.Schemas.Add(result);
        var resolver = new LayoutResolverNamespace(batchApi, null);
        return (resolver, resolver.Resolve(operation.SchemaId), resolver.Resolve(result.SchemaId));
    }

    private static Schema Schema(string name, int id, params (string Path, TypeKind Type, StorageKind Storage)[] properties)
    {
        var schema = new Schema { Name = name, SchemaId = new SchemaId(id), Type = TypeKind.Schema };
        foreach (var (path, type, storage) in properties)
            schema.Properties.Add(new Property { Path = path, PropertyType = new PrimitivePropertyType(type) { Storage = storage } });
        return schema;
    }
}
