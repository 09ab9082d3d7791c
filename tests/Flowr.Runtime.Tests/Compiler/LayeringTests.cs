// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler;
using Flowr.Runtime.Library;

namespace Flowr.Runtime.Tests.Compiler;

/// <summary>The compiler is its own assembly: the runtime (and so flowrex) can neither call it nor carry TOML parsing.</summary>
public sealed class LayeringTests
{
    [Fact]
    public void The_runtime_references_neither_the_compiler_nor_tomlyn()
    {
        var references = typeof(FlowStdLib).Assembly.GetReferencedAssemblies().Select(name => name.Name).ToList();
        Assert.DoesNotContain("Flowr.Compiler", references);
        Assert.DoesNotContain("Tomlyn", references);
        Assert.Contains("Flowr.Runtime", typeof(FlowCompiler).Assembly.GetReferencedAssemblies().Select(name => name.Name));
    }

    [Fact]
    public void The_compiler_lives_in_its_own_assembly()
    {
        Assert.Equal("Flowr.Compiler", typeof(FlowCompiler).Assembly.GetName().Name);
        Assert.NotSame(typeof(FlowStdLib).Assembly, typeof(FlowCompiler).Assembly);
    }
}
