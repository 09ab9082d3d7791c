// Copyright (c) flowr contributors. MIT licence.
using System.Buffers;
using System.Text;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Model.Manifest;

/// <summary>
/// Writes JSON with members in the order the caller gives them, in serde_json's pretty layout
/// (two-space indent, <c>"key": value</c>, <c>[]</c>/<c>{}</c> when empty). Embedded flow values
/// go through the value printer, so numbers and strings print exactly as serde_json prints them.
/// </summary>
internal sealed class PrettyJsonWriter
{
    // With an output stream, the text goes out in pieces of about this size instead of being held whole.
    private const int FlushSize = 64 * 1024;

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Stream? _output;
    // NOTE: one entry per open container: whether it has had an item yet.
    private readonly Stack<bool> _open = new();
    private bool _hasItems;
    private bool _afterName;

    /// <summary>A writer that keeps the whole text (<see cref="ToString"/>).</summary>
    public PrettyJsonWriter()
    {
    }

    /// <summary>A writer that sends the text to <paramref name="output"/> as it goes; call <see cref="Flush"/> at the end.</summary>
    public PrettyJsonWriter(Stream output) => _output = output;

    /// <summary>Sends what is buffered to the output stream.</summary>
    public void Flush()
    {
        if (_output is null) return;
        _output.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }

    public void BeginObject()
    {
        BeforeValue();
        ValueJsonWriter.WriteByte(_buffer, (byte)'{');
        Open();
    }

    public void EndObject() => Close((byte)'}');

    public void BeginArray()
    {
        BeforeValue();
        ValueJsonWriter.WriteByte(_buffer, (byte)'[');
        Open();
    }

    public void EndArray() => Close((byte)']');

    public void Name(string name)
    {
        if (_hasItems) ValueJsonWriter.WriteByte(_buffer, (byte)',');
        ValueJsonWriter.WriteNewLine(_buffer, _open.Count);
        ValueJsonWriter.WriteString(name, _buffer);
        ValueJsonWriter.WriteRaw(_buffer, ": "u8);
        _hasItems = true;
        _afterName = true;
    }

    public void String(string text)
    {
        BeforeValue();
        ValueJsonWriter.WriteString(text, _buffer);
    }

    public void Value(in Value value)
    {
        BeforeValue();
        ValueJsonWriter.WritePretty(value, _buffer, _open.Count);
    }

    public void Property(string name, string text)
    {
        Name(name);
        String(text);
    }

    public void Property(string name, long number)
    {
        Name(name);
        Value(Values.Value.FromInt64(number));
    }

    public void Property(string name, bool flag)
    {
        Name(name);
        Value(Values.Value.FromBoolean(flag));
    }

    public void StringArray(string name, IReadOnlyList<string> items)
    {
        Name(name);
        BeginArray();
        foreach (string item in items) String(item);
        EndArray();
    }

    public override string ToString() => Encoding.UTF8.GetString(_buffer.WrittenSpan);

    private void Open()
    {
        _open.Push(_hasItems);
        _hasItems = false;
    }

    private void Close(byte bracket)
    {
        bool hadItems = _hasItems;
        _hasItems = _open.Pop();
        if (hadItems) ValueJsonWriter.WriteNewLine(_buffer, _open.Count);
        ValueJsonWriter.WriteByte(_buffer, bracket);
        if (_output is not null && _buffer.WrittenCount >= FlushSize) Flush();
    }

    // A value after a name follows ": "; an array element goes on its own line.
    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }
        if (_open.Count == 0) return;
        if (_hasItems) ValueJsonWriter.WriteByte(_buffer, (byte)',');
        ValueJsonWriter.WriteNewLine(_buffer, _open.Count);
        _hasItems = true;
    }
}
