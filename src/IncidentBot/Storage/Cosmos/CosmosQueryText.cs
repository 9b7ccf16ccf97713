using System.Globalization;
using System.Text;
using System.Text.Json;
using IncidentBot.Dialogs.Storage;
using Microsoft.Azure.Cosmos;

namespace IncidentBot.Storage.Cosmos;

/// <summary>
/// Translates a <see cref="DocumentQuery"/> to parameterised Cosmos DB SQL for one partition.
/// Values are always parameters; paths are written inline in bracket notation
/// (<c>c["roles"]["lead"]</c>, safe for reserved words) after the shared check of
/// <see cref="DocumentRules.PathNames"/>, so a path can never inject query text.
/// </summary>
/// <remarks>
/// Ordering: <c>ORDER BY c.path, c.id</c> needs a composite index in Cosmos DB. For the paths in
/// <see cref="CosmosContainerSchema.OrderedPaths"/> the container has one and the query orders
/// and limits natively; for any other path the filtered documents are read and ordered in
/// process (<see cref="IsOrderedInProcess"/>), which is correct but reads every match.
/// </remarks>
internal static class CosmosQueryText
{
    /// <summary>True when <paramref name="query"/> is ordered (and limited) by the store, not by Cosmos DB.</summary>
    public static bool IsOrderedInProcess(DocumentQuery query, IReadOnlySet<string> nativelyOrdered) =>
        query.OrderBy is { } path && !nativelyOrdered.Contains(path.Name);

    public static QueryDefinition Select(DocumentQuery query, IReadOnlySet<string> nativelyOrdered)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.OrderBy is { } ordered)
            Property(ordered); // checked even when the ordering happens in process
        var inProcess = IsOrderedInProcess(query, nativelyOrdered);
        var sql = new StringBuilder("SELECT ");
        if (query.Top is { } top && !inProcess)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(top, nameof(query));
            sql.Append("TOP ").Append(top.ToString(CultureInfo.InvariantCulture)).Append(' ');
        }
        sql.Append("* FROM c WHERE ");
        var parameters = AppendWhere(sql, query);
        if (!inProcess)
        {
            var direction = query.Descending ? " DESC" : " ASC";
            sql.Append(" ORDER BY ");
            if (query.OrderBy is { } orderBy)
                sql.Append(Property(orderBy)).Append(direction).Append(", ");
            sql.Append("c[\"id\"]").Append(direction);
        }
        return Define(sql, parameters);
    }

    /// <summary>Counts what <see cref="Select"/> would return, <see cref="DocumentQuery.Top"/> included (a TOP subquery).</summary>
    public static QueryDefinition Count(DocumentQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Top is not { } top)
        {
            var all = new StringBuilder("SELECT VALUE COUNT(1) FROM c WHERE ");
            return Define(all, AppendWhere(all, query));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(top, nameof(query));
        var sql = new StringBuilder("SELECT VALUE COUNT(1) FROM (SELECT TOP ")
            .Append(top.ToString(CultureInfo.InvariantCulture)).Append(" c[\"id\"] FROM c WHERE ");
        var parameters = AppendWhere(sql, query);
        sql.Append(") AS matches");
        return Define(sql, parameters);
    }

    /// <summary><c>c["roles"]["lead"]</c> for <c>roles.lead</c>; <see cref="ArgumentException"/> for anything but dotted camel case.</summary>
    public static string Property(DocumentPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var property = new StringBuilder("c");
        foreach (var name in DocumentRules.PathNames(path.Name))
            property.Append("[\"").Append(name).Append("\"]");
        return property.ToString();
    }

    private static List<(string Name, object Value)> AppendWhere(StringBuilder sql, DocumentQuery query)
    {
        ArgumentException.ThrowIfNullOrEmpty(query.WorkspaceId);
        ArgumentException.ThrowIfNullOrEmpty(query.Type);
        // The partition key in the WHERE clause as well as in the request options: single-partition either way.
        sql.Append("c[\"workspaceId\"] = @workspaceId AND c[\"type\"] = @type");
        var parameters = new List<(string, object)> { ("@workspaceId", query.WorkspaceId), ("@type", query.Type) };
        for (var i = 0; i < query.Filters.Count; i++)
        {
            sql.Append(" AND ");
            sql.Append(Condition(query.Filters[i], "@p" + i.ToString(CultureInfo.InvariantCulture), parameters));
        }
        return parameters;
    }

    private static string Condition(DocumentFilter filter, string parameter, List<(string, object)> parameters)
    {
        var property = Property(filter.Path);
        // Nulls are never written, but a document written by hand may hold one: treat it as absent, as the embedded store does.
        var present = $"(IS_DEFINED({property}) AND NOT IS_NULL({property}))";
        if (filter.Operator == FilterOperator.IsDefined)
            return present;

        var value = ToParameterValue(DocumentJson.ToJsonValue(filter.Value), filter);
        if (value is null)
        {
            return filter.Operator switch
            {
                FilterOperator.Equal => $"NOT {present}",
                FilterOperator.NotEqual => present,
                _ => throw new ArgumentException($"{filter.Operator} on '{filter.Path}' needs a value.", nameof(filter)),
            };
        }

        parameters.Add((parameter, value));
        return filter.Operator switch
        {
            FilterOperator.Equal => $"{property} = {parameter}",
            // A missing property is undefined in Cosmos DB and never compares, like NULL in SQLite.
            FilterOperator.NotEqual => $"{property} != {parameter}",
            FilterOperator.LessThan => $"{property} < {parameter}",
            FilterOperator.LessThanOrEqual => $"{property} <= {parameter}",
            FilterOperator.GreaterThan => $"{property} > {parameter}",
            FilterOperator.GreaterThanOrEqual => $"{property} >= {parameter}",
            // ARRAY_CONTAINS of a non-array is undefined: a string property never matches.
            FilterOperator.ArrayContains => $"ARRAY_CONTAINS({property}, {parameter})",
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.Operator, "Unknown filter operator."),
        };
    }

    /// <summary>The value as a plain CLR primitive, so the SDK serialises it exactly as it appears in the documents.</summary>
    private static object? ToParameterValue(JsonElement json, DocumentFilter filter) => json.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.String => json.GetString(),
        JsonValueKind.Number => json.TryGetInt64(out var whole) ? whole : json.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new ArgumentException($"Filters compare single values; '{filter.Path}' was given {json.ValueKind}.", nameof(filter)),
    };

    private static QueryDefinition Define(StringBuilder sql, List<(string Name, object Value)> parameters)
    {
        var definition = new QueryDefinition(sql.ToString());
        foreach (var (name, value) in parameters)
            definition = definition.WithParameter(name, value);
        return definition;
    }
}
