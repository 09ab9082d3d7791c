// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler.Toml;
using Flowr.Runtime.Model;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Compiler.Definitions;

/// <summary>
/// Turns a parsed TOML document into a flow or function definition. Keys are upstream's: a key that
/// upstream's definition model does not have is an error naming the keys allowed there.
/// </summary>
internal sealed class DefinitionParser
{
    private static readonly string[] FlowKeys = ["flow", "docs", "metadata", "input", "output", "process", "connection"];
    private static readonly string[] FunctionKeys = ["function", "description", "source", "docs", "type", "impure", "input", "output"];
    private static readonly string[] IoKeys = ["name", "type"];
    // NOTE: x, y, width and height are the layout the flow editors write on a process reference.
    private static readonly string[] ProcessKeys = ["source", "alias", "input", "x", "y", "width", "height"];
    private static readonly string[] ConnectionKeys = ["from", "to", "name"];
    private static readonly string[] MetadataKeys = ["name", "version", "description", "authors"];
    private static readonly string[] InitializerKinds = ["once", "always"];

    private readonly string _file;
    private readonly Action<string>? _warning;

    private DefinitionParser(string file, Action<string>? warning)
    {
        _file = file;
        _warning = warning;
    }

    /// <summary>Parses the text of a definition file; <paramref name="file"/> names it in messages.</summary>
    public static Definition Parse(string text, string file, Action<string>? warning, StringPool? strings = null)
    {
        var root = TomlReader.Parse(text, file, strings);
        return new DefinitionParser(file, warning).ParseRoot(root);
    }

    private Definition ParseRoot(TomlNode root)
    {
        bool isFlow = root.TryGet("flow", out var flowName);
        bool isFunction = root.TryGet("function", out var functionName);
        if (isFlow && isFunction) throw Error(root.Line, "a definition cannot have both 'flow' and 'function' keys");
        if (isFlow) return ParseFlow(root, RequireName(flowName!, "flow"));
        if (isFunction) return ParseFunction(root, RequireName(functionName!, "function"));
        throw Error(0, "not a flow or function definition: it has no 'flow' or 'function' key");
    }

    private string RequireName(TomlNode node, string key)
    {
        string name = String(node, key);
        if (name.Length == 0) throw Error(node.Line, $"'{key}' must not be empty");
        return name;
    }

    private FlowDefinition ParseFlow(TomlNode root, string name)
    {
        RejectUnknownKeys(root, FlowKeys, "a flow definition");
        var metadata = FlowMetadata.Empty;
        if (root.TryGet("metadata", out var metadataNode)) metadata = ParseMetadata(metadataNode);
        var processes = new List<ProcessReference>();
        foreach (var entry in Tables(root, "process")) processes.Add(ParseProcess(entry));
        var connections = new List<ConnectionDefinition>();
        foreach (var entry in Tables(root, "connection")) connections.Add(ParseConnection(entry));
        return new FlowDefinition(name, _file, ParseIos(root, "input"), ParseIos(root, "output"), metadata, processes, connections);
    }

    private FunctionDefinition ParseFunction(TomlNode root, string name)
    {
        RejectUnknownKeys(root, FunctionKeys, "a function definition");
        string? source = root.TryGet("source", out var sourceNode) ? String(sourceNode, "source") : null;
        bool impure = false;
        if (root.TryGet("impure", out var impureNode))
        {
            if (impureNode.Kind != TomlNodeKind.Boolean) throw Error(impureNode.Line, "'impure' must be a boolean");
            impure = impureNode.Scalar.TryGetBoolean(out bool value) && value;
        }
        return new FunctionDefinition(name, _file, ParseIos(root, "input"), ParseIos(root, "output"), source, sourceNode?.Line ?? 0, impure);
    }

    private FlowMetadata ParseMetadata(TomlNode node)
    {
        if (!node.IsTable) throw Error(node.Line, "'metadata' must be a table");
        // Upstream's metadata accepts any key, so an unknown one is only worth a warning.
        WarnUnknownKeys(node, MetadataKeys, "metadata.");
        string Optional(string key) => node.TryGet(key, out var value) ? String(value, "metadata." + key) : "";
        var authors = new List<string>();
        if (node.TryGet("authors", out var authorsNode))
        {
            if (authorsNode.Kind != TomlNodeKind.Array) throw Error(authorsNode.Line, "'metadata.authors' must be an array of strings");
            foreach (var author in authorsNode.Items) authors.Add(String(author, "metadata.authors"));
        }
        return new FlowMetadata(Optional("name"), Optional("version"), Optional("description"), authors);
    }

    // A name may be omitted only when there is exactly one IO: the default IO.
    private List<IoDefinition> ParseIos(TomlNode root, string key)
    {
        var ios = new List<IoDefinition>();
        foreach (var entry in Tables(root, key))
        {
            // NOTE: the names for messages are constants: nothing is built unless there is an error.
            bool isInput = key == "input";
            RejectUnknownKeys(entry, IoKeys, isInput ? "an [[input]]" : "an [[output]]");
            string name = entry.TryGet("name", out var nameNode) ? String(nameNode, isInput ? "input.name" : "output.name") : "";
            string? written = entry.TryGet("type", out var typeNode) ? String(typeNode, isInput ? "input.type" : "output.type") : null;
            if (!DataType.TryParse(written, out var type, out bool mapped)) throw Error(typeNode!.Line, $"Type '{written}' is invalid");
            if (mapped) _warning?.Invoke(CompileError.Format(_file, $"Type '{written}' is read as '{type}'"));
            if (ios.Count > 0 && (name.Length == 0 || Definition.IndexOf(ios, "") >= 0))
            {
                throw Error(entry.Line, $"an unnamed {key} is only allowed when there is exactly one {key}");
            }
            if (Definition.IndexOf(ios, name) >= 0) throw Error(entry.Line, $"duplicate {key} name '{name}'");
            ios.Add(new IoDefinition(name, type, entry.Line));
        }
        return ios;
    }

    private ProcessReference ParseProcess(TomlNode entry)
    {
        RejectUnknownKeys(entry, ProcessKeys, "a [[process]]");
        if (!entry.TryGet("source", out var sourceNode)) throw Error(entry.Line, "a [[process]] needs a 'source'");
        string source = String(sourceNode, "source");
        string? alias = entry.TryGet("alias", out var aliasNode) ? String(aliasNode, "alias") : null;
        if (alias is { Length: 0 }) alias = null;
        var initializers = new List<InitializerDefinition>();
        if (entry.TryGet("input", out var inputs))
        {
            if (!inputs.IsTable) throw Error(inputs.Line, "'input' of a [[process]] must be a table of initializers");
            foreach (var (inputName, initializer) in inputs.Members)
            {
                initializers.Add(new InitializerDefinition(inputName, ParseInitializer(inputName, initializer), initializer.Line));
            }
        }
        return new ProcessReference(source, alias, initializers, entry.Line);
    }

    // input.<name> = { once = <value> } or { always = <value> }.
    private InputInitializer ParseInitializer(string inputName, TomlNode node)
    {
        if (node.IsTable && node.Members.Count == 1)
        {
            var (kind, value) = node.Members[0];
            if (kind == "once") return new InputInitializer(InitializerKind.Once, ToValue(value));
            if (kind == "always") return new InputInitializer(InitializerKind.Always, ToValue(value));
            throw Error(node.Line, $"unknown key '{kind}' in the initializer of input '{inputName}'"
                + Suggestions.Describe(kind, InitializerKinds, "the keys allowed there"));
        }
        throw Error(node.Line, $"the initializer of input '{inputName}' must be {{ once = <value> }} or {{ always = <value> }}");
    }

    private ConnectionDefinition ParseConnection(TomlNode entry)
    {
        RejectUnknownKeys(entry, ConnectionKeys, "a [[connection]]");
        if (!entry.TryGet("from", out var fromNode)) throw Error(entry.Line, "a [[connection]] needs a 'from'");
        if (!entry.TryGet("to", out var toNode)) throw Error(entry.Line, "a [[connection]] needs a 'to'");
        var to = new List<string>();
        if (toNode.Kind == TomlNodeKind.Array)
        {
            foreach (var item in toNode.Items) to.Add(String(item, "to"));
            if (to.Count == 0) throw Error(toNode.Line, "'to' must name at least one destination");
        }
        else
        {
            to.Add(String(toNode, "to"));
        }
        string name = entry.TryGet("name", out var nameNode) ? String(nameNode, "name") : "";
        return new ConnectionDefinition(String(fromNode, "from"), to, name, entry.Line);
    }

    /// <summary>TOML values become JSON values (tables are objects); date-times are rejected.</summary>
    private Value ToValue(TomlNode node)
    {
        switch (node.Kind)
        {
            case TomlNodeKind.Array:
                var items = new Value[node.Items.Count];
                for (int i = 0; i < items.Length; i++) items[i] = ToValue(node.Items[i]);
                return Value.FromArray(items);
            case TomlNodeKind.Table:
                var members = new KeyValuePair<string, Value>[node.Members.Count];
                for (int i = 0; i < members.Length; i++) members[i] = new(node.Members[i].Key, ToValue(node.Members[i].Value));
                return Value.FromObject(ValueObject.Create(members));
            case TomlNodeKind.DateTime:
                throw Error(node.Line, "TOML date-time values are not supported");
            default:
                return node.Scalar;
        }
    }

    // An array of tables ([[key]]); a single table is accepted as one entry.
    private IReadOnlyList<TomlNode> Tables(TomlNode root, string key)
    {
        if (!root.TryGet(key, out var node)) return [];
        if (node.IsTable) return [node];
        if (node.Kind != TomlNodeKind.Array) throw Error(node.Line, $"'{key}' must be an array of tables ([[{key}]])");
        foreach (var item in node.Items)
        {
            if (!item.IsTable) throw Error(item.Line, $"'{key}' must be an array of tables ([[{key}]])");
        }
        return node.Items;
    }

    private string String(TomlNode node, string key)
    {
        if (node.Kind != TomlNodeKind.String) throw Error(node.Line, $"'{key}' must be a string, not a {node.KindName}");
        return node.Scalar.AsString;
    }

    private void RejectUnknownKeys(TomlNode table, string[] known, string where)
    {
        foreach (var member in table.Members)
        {
            if (Array.IndexOf(known, member.Key) < 0)
            {
                throw Error(member.Value.Line,
                    $"unknown key '{member.Key}' in {where}" + Suggestions.Describe(member.Key, known, "the keys allowed there"));
            }
        }
    }

    private void WarnUnknownKeys(TomlNode table, string[] known, string prefix)
    {
        if (_warning is null) return;
        foreach (var member in table.Members)
        {
            if (Array.IndexOf(known, member.Key) < 0)
            {
                _warning(CompileError.Format(LineFile(member.Value.Line), $"unknown key '{prefix}{member.Key}' ignored"));
            }
        }
    }

    private string LineFile(int line) => line > 0 ? $"{_file}:{line}" : _file;

    private CompileException Error(int line, string message) => new(CompileError.Format(LineFile(line), message));
}
