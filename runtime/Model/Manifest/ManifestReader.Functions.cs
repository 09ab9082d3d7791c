// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Model.Manifest;

public static partial class ManifestReader
{
    // 0.142: functions is an array; element i must have function_id i.
    private static FunctionSpec[] ReadFunctions(ManifestFields fields, in Value functionsValue, out string[] labels)
    {
        var items = fields.Array(functionsValue, "functions");
        var functions = new FunctionSpec[items.Length];
        labels = new string[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            string field = $"functions[{i}]";
            labels[i] = field;
            var obj = fields.Object(items[i], field);
            int id = fields.RequiredIndex(obj, "function_id", $"{field}.function_id");
            if (id != i) throw fields.Error($"{field}.function_id", $"expected {i} (its index in functions), found {id}");
            int flowId = fields.RequiredIndex(obj, "flow_id", $"{field}.flow_id");
            functions[i] = ReadFunction(fields, obj, field, id, flowId, functionIds: null, flowIds: null);
        }
        return functions;
    }

    // 1.0: functions is an object keyed by process id; flows and functions share one id counter, so
    // ids are sparse. Functions are numbered densely in ascending id order, flows likewise (root 0 stays 0),
    // and every destination is rewritten.
    private static FunctionSpec[] ReadEra1Functions(ManifestFields fields, ValueObject root, ValueObject functionsObject, out string[] labels)
    {
        var members = functionsObject.Members;
        var order = new (int Id, ValueObject Body, string Field)[members.Length];
        var flowIdSet = new SortedSet<int> { 0 };
        for (int i = 0; i < members.Length; i++)
        {
            string field = $"functions.\"{members[i].Key}\"";
            if (!int.TryParse(members[i].Key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int id))
            {
                throw fields.Error(field, "a function key must be a non-negative integer id");
            }
            var body = fields.Object(members[i].Value, field);
            if (fields.TryGet(body, "process_id", out var processId) && fields.Index(processId, $"{field}.process_id") != id)
            {
                throw fields.Error($"{field}.process_id", $"expected {id} (its key), found {processId}");
            }
            flowIdSet.Add(fields.RequiredIndex(body, "parent_id", $"{field}.parent_id"));
            CollectDestinationFlows(fields, body, field, flowIdSet);
            order[i] = (id, body, field);
        }
        if (fields.TryGet(root, "flows", out var flows))
        {
            foreach (var flow in fields.Object(flows, "flows").Members)
            {
                if (int.TryParse(flow.Key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int flowId))
                {
                    flowIdSet.Add(flowId);
                }
            }
        }

        Array.Sort(order, static (a, b) => a.Id.CompareTo(b.Id));
        var functionIds = new Dictionary<int, int>(order.Length);
        for (int i = 0; i < order.Length; i++) functionIds[order[i].Id] = i;
        var flowIds = new Dictionary<int, int>(flowIdSet.Count);
        foreach (int flowId in flowIdSet) flowIds[flowId] = flowIds.Count;

        var functions = new FunctionSpec[order.Length];
        labels = new string[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            var (_, body, field) = order[i];
            labels[i] = field;
            int flowId = flowIds[fields.RequiredIndex(body, "parent_id", $"{field}.parent_id")];
            functions[i] = ReadFunction(fields, body, field, i, flowId, functionIds, flowIds);
        }
        return functions;
    }

    private static void CollectDestinationFlows(ManifestFields fields, ValueObject function, string field, SortedSet<int> flowIds)
    {
        if (!fields.TryGet(function, "output_connections", out var connections)) return;
        var items = fields.Array(connections, $"{field}.output_connections");
        for (int c = 0; c < items.Length; c++)
        {
            string connectionField = $"{field}.output_connections[{c}]";
            var connection = fields.Object(items[c], connectionField);
            flowIds.Add(fields.RequiredIndex(connection, "destination_parent_id", $"{connectionField}.destination_parent_id"));
        }
    }

    // functionIds/flowIds are null for 0.142 (ids are already dense), the sparse → dense maps for 1.0.
    private static FunctionSpec ReadFunction(ManifestFields fields, ValueObject obj, string field, int id, int flowId,
        Dictionary<int, int>? functionIds, Dictionary<int, int>? flowIds)
    {
        var inputs = new List<InputSpec>();
        if (fields.TryGet(obj, "inputs", out var inputsValue))
        {
            var items = fields.Array(inputsValue, $"{field}.inputs");
            for (int i = 0; i < items.Length; i++) inputs.Add(ReadInput(fields, items[i], $"{field}.inputs[{i}]"));
        }
        var connections = new List<OutputConnection>();
        if (fields.TryGet(obj, "output_connections", out var connectionsValue))
        {
            var items = fields.Array(connectionsValue, $"{field}.output_connections");
            for (int c = 0; c < items.Length; c++)
            {
                connections.Add(ReadConnection(fields, items[c], $"{field}.output_connections[{c}]", functionIds, flowIds));
            }
        }
        string location = fields.RequiredString(obj, "implementation_location", $"{field}.implementation_location");
        if (location.Length == 0) throw fields.Error($"{field}.implementation_location", "must not be empty");
        return new FunctionSpec
        {
            Id = id,
            FlowId = flowId,
            Name = fields.String(obj, "name", $"{field}.name"),
            Route = fields.String(obj, "route", $"{field}.route"),
            ImplementationLocation = NormalizeLocation(location),
            Inputs = inputs,
            OutputConnections = connections,
        };
    }

    // An input object; 1.0 adds an optional name.
    private static InputSpec ReadInput(ManifestFields fields, in Value value, string field)
    {
        var obj = fields.Object(value, field);
        return new InputSpec
        {
            Name = fields.String(obj, "name", $"{field}.name"),
            ArrayOrder = fields.OptionalIndex(obj, "array_order", $"{field}.array_order"),
            Generic = fields.Boolean(obj, "generic", $"{field}.generic"),
            Initializer = ReadInitializer(fields, obj, "initializer", $"{field}.initializer"),
            FlowInitializer = ReadInitializer(fields, obj, "flow_initializer", $"{field}.flow_initializer"),
        };
    }

    // {"once": v} or {"always": v}.
    private static InputInitializer? ReadInitializer(ManifestFields fields, ValueObject input, string name, string field)
    {
        if (!fields.TryGet(input, name, out var value)) return null;
        var obj = fields.Object(value, field);
        if (obj.Count == 1)
        {
            var member = obj.Members[0];
            if (member.Key == "once") return new InputInitializer(InitializerKind.Once, member.Value);
            if (member.Key == "always") return new InputInitializer(InitializerKind.Always, member.Value);
        }
        throw fields.Error(field, "expected {\"once\": value} or {\"always\": value}");
    }

    // An output connection; 1.0 names the destination flow destination_parent_id and adds
    // "internal", which is ignored.
    private static OutputConnection ReadConnection(ManifestFields fields, in Value value, string field,
        Dictionary<int, int>? functionIds, Dictionary<int, int>? flowIds)
    {
        var obj = fields.Object(value, field);
        int destination = fields.RequiredIndex(obj, "destination_id", $"{field}.destination_id");
        if (functionIds is not null)
        {
            if (!functionIds.TryGetValue(destination, out int dense))
            {
                throw fields.Error($"{field}.destination_id", $"no function with process_id {destination}");
            }
            destination = dense;
        }
        string flowField = flowIds is null ? "destination_flow_id" : "destination_parent_id";
        int flow = fields.RequiredIndex(obj, flowField, $"{field}.{flowField}");
        if (flowIds is not null) flow = flowIds[flow];
        return new OutputConnection
        {
            Source = ReadSource(fields, obj, $"{field}.source"),
            DestinationId = destination,
            DestinationIo = fields.RequiredIndex(obj, "destination_io_number", $"{field}.destination_io_number"),
            DestinationFlowId = flow,
            DestinationRoute = fields.String(obj, "destination", $"{field}.destination"),
            Name = fields.String(obj, "name", $"{field}.name"),
        };
    }

    // Absent: the whole default output; else {"Output": "/route"} or {"Input": n}.
    private static ConnectionSource ReadSource(ManifestFields fields, ValueObject connection, string field)
    {
        if (!fields.TryGet(connection, "source", out var value)) return ConnectionSource.WholeOutput;
        var obj = fields.Object(value, field);
        if (obj.Count == 1)
        {
            var member = obj.Members[0];
            if (member.Key == "Output" && member.Value.TryGetString(out string? pointer))
            {
                if (pointer.Length > 0 && pointer[0] != '/') throw fields.Error(field, $"an output route must start with '/', found \"{pointer}\"");
                return ConnectionSource.FromOutput(pointer);
            }
            if (member.Key == "Input") return ConnectionSource.FromInput(fields.Index(member.Value, $"{field}.Input"));
        }
        throw fields.Error(field, "expected {\"Output\": \"/route\"} or {\"Input\": index}");
    }
}
