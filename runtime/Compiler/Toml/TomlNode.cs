// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Compiler.Toml;

internal enum TomlNodeKind : byte
{
    Table,
    Array,
    String,
    Integer,
    Float,
    Boolean,
    DateTime,
}

/// <summary>A parsed TOML value with the line it was found on (0 when unknown).</summary>
internal sealed class TomlNode
{
    private TomlNode(TomlNodeKind kind, int line, Value scalar, List<TomlNode>? items, List<KeyValuePair<string, TomlNode>>? members)
    {
        Kind = kind;
        Line = line;
        Scalar = scalar;
        Items = items ?? [];
        Members = members ?? [];
    }

    public TomlNodeKind Kind { get; }

    public int Line { get; private set; }

    /// <summary>The value of a string, integer, float or boolean node.</summary>
    public Value Scalar { get; }

    /// <summary>The items of an array node (add with <see cref="AddItem"/>).</summary>
    public List<TomlNode> Items { get; }

    /// <summary>The members of a table node, in document order (add with <see cref="AddMember"/>).</summary>
    public List<KeyValuePair<string, TomlNode>> Members { get; }

    public bool IsTable => Kind == TomlNodeKind.Table;

    /// <summary>An array node whose items are all tables (an array of tables, [[key]]).</summary>
    public bool IsArrayOfTables => Kind == TomlNodeKind.Array && _nonTableItems == 0;

    // NOTE: kept up to date as items are added, so that merging the parts of an array of tables
    // that a document reopens costs nothing per item already there.
    private int _nonTableItems;

    // NOTE: members are looked up by key for every key read; a table with many keys gets an index.
    private const int IndexThreshold = 8;
    private Dictionary<string, TomlNode>? _index;

    public static TomlNode Table(int line) => new(TomlNodeKind.Table, line, default, null, []);

    public static TomlNode Array(int line) => new(TomlNodeKind.Array, line, default, [], null);

    public static TomlNode ScalarNode(TomlNodeKind kind, int line, Value value) => new(kind, line, value, null, null);

    internal void SetLineIfUnknown(int line)
    {
        if (Line == 0) Line = line;
    }

    internal void SetLine(int line) => Line = line;

    public void AddItem(TomlNode item)
    {
        Items.Add(item);
        if (!item.IsTable) _nonTableItems++;
    }

    public void AddItems(TomlNode array)
    {
        foreach (var item in array.Items) AddItem(item);
    }

    public void AddMember(string key, TomlNode value)
    {
        Members.Add(new(key, value));
        if (_index is not null)
        {
            _index[key] = value;
        }
        else if (Members.Count > IndexThreshold)
        {
            _index = new Dictionary<string, TomlNode>(Members.Count * 2, StringComparer.Ordinal);
            foreach (var member in Members) _index[member.Key] = member.Value;
        }
    }

    /// <summary>The member named <paramref name="key"/> of a table node.</summary>
    public bool TryGet(string key, [NotNullWhen(true)] out TomlNode? node)
    {
        if (_index is not null) return _index.TryGetValue(key, out node);
        foreach (var member in Members)
        {
            if (string.Equals(member.Key, key, StringComparison.Ordinal))
            {
                node = member.Value;
                return true;
            }
        }
        node = null;
        return false;
    }

    /// <summary>A name for the node's kind in messages.</summary>
    public string KindName => Kind switch
    {
        TomlNodeKind.Table => "table",
        TomlNodeKind.Array => "array",
        TomlNodeKind.String => "string",
        TomlNodeKind.Integer => "integer",
        TomlNodeKind.Float => "float",
        TomlNodeKind.Boolean => "boolean",
        _ => "date-time",
    };
}
