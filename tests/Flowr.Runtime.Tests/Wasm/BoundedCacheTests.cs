// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Wasm;

namespace Flowr.Runtime.Tests.Wasm;

public sealed class BoundedCacheTests
{
    [Fact]
    public void Adding_beyond_the_capacity_forgets_the_least_recently_used()
    {
        var cache = new BoundedCache<string>(2);
        cache.GetOrAdd("a", key => key + "1");
        cache.GetOrAdd("b", key => key + "1");
        Assert.Equal("a1", cache.GetOrAdd("a", _ => "unused"));   // a is now the most recent

        cache.GetOrAdd("c", key => key + "1");

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryPeek("a", out _));
        Assert.False(cache.TryPeek("b", out _));
        Assert.Equal("b2", cache.GetOrAdd("b", key => key + "2"));   // made again; a, used before c, goes
        Assert.False(cache.TryPeek("a", out _));
        Assert.True(cache.TryPeek("c", out _));
    }

    [Fact]
    public void Remove_forgets_a_key_only_while_it_holds_that_value()
    {
        var cache = new BoundedCache<string>(4);
        string first = cache.GetOrAdd("a", _ => "first");

        cache.Remove("a", "another");
        Assert.True(cache.TryPeek("a", out _));
        cache.Remove("a", first);
        Assert.False(cache.TryPeek("a", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void A_capacity_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundedCache<string>(0));
    }
}
