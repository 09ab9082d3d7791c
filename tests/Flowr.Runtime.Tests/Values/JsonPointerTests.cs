// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Tests.Values;

public class JsonPointerTests
{
    private static readonly Value Document = Value.Parse(
        """{"a":[10,{"b":"deep"}],"a/b":1,"m~n":2,"~1":3,"":4,"01":5,"x":{"":6},"\u00e9":7,"😀":8,"z":null}""");

    [Theory]
    [InlineData("/a/0", "10")]
    [InlineData("/a/1/b", "\"deep\"")]
    [InlineData("/a~1b", "1")]
    [InlineData("/m~0n", "2")]
    [InlineData("/~01", "3")]
    [InlineData("/", "4")]
    [InlineData("/01", "5")]
    [InlineData("/x/", "6")]
    [InlineData("/\u00e9", "7")]
    [InlineData("/😀", "8")]
    [InlineData("/z", "null")]
    public void Finds_what_serde_json_finds(string pointer, string expected)
    {
        Assert.True(JsonPointer.TryResolve(Document, pointer, out var result));
        Assert.Equal(expected, result.ToString());
    }

    [Theory]
    [InlineData("a")]
    [InlineData("a/0")]
    [InlineData("/missing")]
    [InlineData("/a/2")]
    [InlineData("/a/01")]
    [InlineData("/a/+1")]
    [InlineData("/a/-1")]
    [InlineData("/a/")]
    [InlineData("/a/1.0")]
    [InlineData("/a/18446744073709551616")]
    [InlineData("/a/0/x")]
    [InlineData("/z/x")]
    [InlineData("/a~2b")]
    public void Finds_nothing_where_serde_json_finds_nothing(string pointer)
    {
        Assert.False(JsonPointer.TryResolve(Document, pointer, out var result));
        Assert.True(result.IsNull);
    }

    [Fact]
    public void Empty_pointer_is_the_whole_value()
    {
        Assert.True(JsonPointer.TryResolve(Value.FromInt64(3), "", out var result));
        Assert.Equal(Value.FromInt64(3), result);
        Assert.True(JsonPointer.TryResolve(Document, "", out result));
        Assert.Equal(Document, result);
    }

    [Fact]
    public void Index_zero_and_large_arrays_work()
    {
        var items = new Value[1000];
        for (int i = 0; i < items.Length; i++) items[i] = i;
        var array = Value.FromArray(items);
        Assert.True(JsonPointer.TryResolve(array, "/0", out var first));
        Assert.Equal(Value.FromInt64(0), first);
        Assert.True(JsonPointer.TryResolve(array, "/999", out var last));
        Assert.Equal(Value.FromInt64(999), last);
        Assert.False(JsonPointer.TryResolve(array, "/1000", out _));
    }

    [Fact]
    public void Lookups_in_many_member_objects_use_utf8_order()
    {
        var members = new List<KeyValuePair<string, Value>>();
        for (int i = 0; i < 50; i++) members.Add(new($"k{i}", i));
        members.Add(new("\uFB01", 100));
        members.Add(new("\U0001F600", 101));
        var obj = Value.FromObject([.. members]);
        foreach (var member in members)
        {
            string pointer = "/" + member.Key;
            Assert.True(JsonPointer.TryResolve(obj, pointer, out var found), pointer);
            Assert.Equal(member.Value, found);
        }
    }

    [Fact]
    public void Resolving_without_escapes_does_not_allocate()
    {
        JsonPointer.TryResolve(Document, "/a/1/b", out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) JsonPointer.TryResolve(Document, "/a/1/b", out _);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
