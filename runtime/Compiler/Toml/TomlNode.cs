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

/// <summary>How a table or array came to be, which decides whether a document may add to it later.</summary>
internal enum TomlOrigin : byte
{
    /// <summary>A value written in place (and any node read by Tomlyn).</summary>
    Value,
    /// <summary>A table implied by a longer header ([a.b] implies a), which a later [a] may still define.</summary>
    Implicit,
    /// <summary>A table defined by its own header, or the root.</summary>
    Header,
    /// <summary>A table made by a dotted key (a.b = 1 makes a) in a table section.</summary>
    Dotted,
    /// <summary>A table made by a dotted key inside an inline table.</summary>
    InlineDotted,
    /// <summary>An inline table: complete once closed.</summary>
    Inline,
    /// <summary>An array made by [[headers]].</summary>
    TableArray,
}

/// <summary>A parsed TOML value with the line it was found on (0 when unknown).</summary>
internal sealed class TomlNode
{
    private static readonly List<TomlNode> NoItems = [];
    private static readonly List<KeyValuePair<string, TomlNode>> NoMembers = [];

    // Only arrays have items and only tables members: a scalar shares the empty lists.
    private readonly List<TomlNode> _items;
    private readonly List<KeyValuePair<string, TomlNode>> _members;

    private TomlNode(TomlNodeKind kind, int line, Value scalar, int capacity = 4)
    {
        Kind = kind;
        Line = line;
        Scalar = scalar;
        _items = kind == TomlNodeKind.Array ? new List<TomlNode>(capacity) : NoItems;
        _members = kind == TomlNodeKind.Table ? new List<KeyValuePair<string, TomlNode>>(capacity) : NoMembers;
    }

    public TomlNodeKind Kind { get; }

    public int Line { get; private set; }

    /// <summary>The value of a string, integer, float or boolean node.</summary>
    public Value Scalar { get; }

    /// <summary>The items of an array node (add with <see cref="AddItem"/>).</summary>
    public IReadOnlyList<TomlNode> Items => _items;

    /// <summary>The members of a table node, in document order (add with <see cref="AddMember"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, TomlNode>> Members => _members;

    public bool IsTable => Kind == TomlNodeKind.Table;

    /// <summary>Set by <see cref="FastTomlReader"/>, which reads only documents that never redefine a table.</summary>
    internal TomlOrigin Origin { get; set; }

    /// <summary>An array node whose items are all tables (an array of tables, [[key]]).</summary>
    public bool IsArrayOfTables => Kind == TomlNodeKind.Array && _nonTableItems == 0;

    // NOTE: kept up to date as items are added, so that merging the parts of an array of tables
    // that a document reopens costs nothing per item already there.
    private int _nonTableItems;

    // NOTE: members are looked up by key for every key read; a table with many keys gets an index.
    private const int IndexThreshold = 8;
    private Dictionary<string, TomlNode>? _index;

    public static TomlNode Table(int line, int capacity = 4) => new(TomlNodeKind.Table, line, default, capacity);

    public static TomlNode Array(int line) => new(TomlNodeKind.Array, line, default, 2);

    public static TomlNode ScalarNode(TomlNodeKind kind, int line, Value value) => new(kind, line, value);

    internal void SetLineIfUnknown(int line)
    {
        if (Line == 0) Line = line;
    }

    internal void SetLine(int line) => Line = line;

    public void AddItem(TomlNode item)
    {
        _items.Add(item);
        if (!item.IsTable) _nonTableItems++;
    }

    public void AddItems(TomlNode array)
    {
        foreach (var item in array.Items) AddItem(item);
    }

    public void AddMember(string key, TomlNode value)
    {
        _members.Add(new(key, value));
        if (_index is not null)
        {
            _index[key] = value;
        }
        else if (Members.Count > IndexThreshold)
        {
            _index = new Dictionary<string, TomlNode>(_members.Count * 2, StringComparer.Ordinal);
            foreach (var member in _members) _index[member.Key] = member.Value;
        }
    }

    /// <summary>The member named <paramref name="key"/> of a table node.</summary>
    public bool TryGet(string key, [NotNullWhen(true)] out TomlNode? node)
    {
        if (_index is not null) return _index.TryGetValue(key, out node);
        foreach (var member in _members)
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
