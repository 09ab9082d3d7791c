// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Compiler.Toml;

/// <summary>
/// One string for each distinct short text read during a compile: keys, sources, aliases and IO
/// names repeat thousands of times in a generated flow, and across its files.
/// </summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out string? known)) return known;
        string created = text.ToString();
        _strings[created] = created;
        return created;
    }
}
