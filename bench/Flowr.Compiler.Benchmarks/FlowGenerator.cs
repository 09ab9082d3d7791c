// Copyright (c) flowr contributors. MIT licence.
using System.Globalization;
using System.Text;

namespace Flowr.Compiler.Benchmarks;

/// <summary>
/// Writes the large flows the compile benchmark and the scale tests use, in the shapes programs
/// generate: long chains of functions in one flow, wide fan-in, deep chains of sub-flows, and a small
/// unit repeated side by side or nested. Each file goes to a writer given its path relative to the
/// flow's directory (<see cref="To"/> writes into a directory; tests may keep them in memory).
/// </summary>
internal static class FlowGenerator
{
    /// <summary>A writer that puts the files below <paramref name="directory"/>.</summary>
    public static Action<string, string> To(string directory) => (path, text) =>
    {
        string file = Path.Combine(directory, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
    };

    /// <summary>
    /// One flow of <paramref name="processes"/> adds in a chain (each adds 1 to what the previous one
    /// sends) and a stdout: prints <paramref name="processes"/>.
    /// </summary>
    public static void Chain(Action<string, string> write, int processes)
    {
        var text = new StringBuilder("flow = \"chain\"\n\n[[process]]\nsource = \"context://stdio/stdout\"\n");
        for (int i = 0; i < processes; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n[[process]]\nalias = \"a{i}\"\nsource = \"lib://flowstdlib/math/add\"\ninput.i2 = {{ once = 1 }}\n");
            if (i == 0) text.Append("input.i1 = { once = 0 }\n");
        }
        for (int i = 0; i < processes; i++)
        {
            string to = i + 1 < processes ? $"a{i + 1}/i1" : "stdout";
            text.Append(CultureInfo.InvariantCulture, $"\n[[connection]]\nfrom = \"a{i}\"\nto = \"{to}\"\n");
        }
        write("root.toml", text.ToString());
    }

    /// <summary>
    /// One flow of <paramref name="processes"/> adds all sending to one stdout input (fan-in): prints
    /// the numbers 1 to <paramref name="processes"/>, in some order.
    /// </summary>
    public static void FanIn(Action<string, string> write, int processes)
    {
        var text = new StringBuilder("flow = \"fan-in\"\n\n[[process]]\nsource = \"context://stdio/stdout\"\n");
        for (int i = 0; i < processes; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n[[process]]\nalias = \"a{i}\"\nsource = \"lib://flowstdlib/math/add\"\ninput.i1 = {{ once = {i} }}\ninput.i2 = {{ once = 1 }}\n");
        }
        for (int i = 0; i < processes; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n[[connection]]\nfrom = \"a{i}\"\nto = \"stdout\"\n");
        }
        write("root.toml", text.ToString());
    }

    /// <summary>
    /// A chain of sub-flows <paramref name="depth"/> deep, one file per level: the value 1 goes down
    /// through every level's input to an add at the bottom and its sum comes back up through every
    /// level's output to stdout: prints 2.
    /// </summary>
    public static void Nest(Action<string, string> write, int depth)
    {
        write("root.toml", (
            "flow = \"nest\"\n\n[[process]]\nsource = \"context://stdio/stdout\"\n\n[[process]]\nalias = \"l0\"\nsource = \"l0.toml\"\ninput.in = { once = 1 }\n\n"
            + "[[connection]]\nfrom = \"l0/out\"\nto = \"stdout\"\n"));
        for (int level = 0; level < depth; level++)
        {
            var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
                $"flow = \"l{level}\"\n\n[[input]]\nname = \"in\"\ntype = \"number\"\n\n[[output]]\nname = \"out\"\ntype = \"number\"\n\n"));
            if (level + 1 < depth)
            {
                text.Append(CultureInfo.InvariantCulture, $"[[process]]\nalias = \"l{level + 1}\"\nsource = \"l{level + 1}.toml\"\n\n");
                text.Append(CultureInfo.InvariantCulture, $"[[connection]]\nfrom = \"input/in\"\nto = \"l{level + 1}/in\"\n\n[[connection]]\nfrom = \"l{level + 1}/out\"\nto = \"output/out\"\n");
            }
            else
            {
                text.Append("[[process]]\nsource = \"lib://flowstdlib/math/add\"\ninput.i2 = { once = 1 }\n\n");
                text.Append("[[connection]]\nfrom = \"input/in\"\nto = \"add/i1\"\n\n[[connection]]\nfrom = \"add\"\nto = \"output/out\"\n");
            }
            write($"l{level}.toml", text.ToString());
        }
    }

    /// <summary>
    /// A small unit flow (a library sequence feeding an add, with initializers, a fan-out and a
    /// sub-flow output), <paramref name="copies"/> times side by side under the root, every copy's
    /// output going to one stdout.
    /// </summary>
    public static void UnitsSideBySide(Action<string, string> write, int copies)
    {
        WriteUnit(write);
        var text = new StringBuilder("flow = \"root\"\n\n[[process]]\nsource = \"context://stdio/stdout\"\n");
        for (int i = 0; i < copies; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n[[process]]\nalias = \"u{i}\"\nsource = \"unit\"\ninput.limit = {{ once = 3 }}\n");
        }
        for (int i = 0; i < copies; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n[[connection]]\nfrom = \"u{i}/sum\"\nto = \"stdout\"\n");
        }
        write("root.toml", text.ToString());
    }

    /// <summary>
    /// The same unit nested <paramref name="levels"/> deep: level k holds a copy of the unit and level
    /// k+1; every unit's output goes up through all the levels above it to the root's stdout.
    /// </summary>
    public static void UnitsNested(Action<string, string> write, int levels)
    {
        WriteUnit(write);
        write("root.toml", (
            "flow = \"root\"\n\n[[process]]\nsource = \"context://stdio/stdout\"\n\n[[process]]\nalias = \"l0\"\nsource = \"levels/l0.toml\"\n\n"
            + "[[connection]]\nfrom = \"l0/sum\"\nto = \"stdout\"\n"));
        for (int level = 0; level < levels; level++)
        {
            var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
                $"flow = \"l{level}\"\n\n[[output]]\nname = \"sum\"\ntype = \"number\"\n\n[[process]]\nalias = \"u\"\nsource = \"../unit\"\ninput.limit = {{ once = 3 }}\n\n[[connection]]\nfrom = \"u/sum\"\nto = \"output/sum\"\n"));
            if (level + 1 < levels)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n[[process]]\nalias = \"l{level + 1}\"\nsource = \"l{level + 1}.toml\"\n\n[[connection]]\nfrom = \"l{level + 1}/sum\"\nto = \"output/sum\"\n");
            }
            write($"levels/l{level}.toml", text.ToString());
        }
    }

    /// <summary>Flows in one unit: the unit and its sequence.</summary>
    public const int UnitFlows = 2;

    private static void WriteUnit(Action<string, string> write) => write("unit.toml", """
        flow = "unit"

        [[input]]
        name = "limit"
        type = "number"

        [[output]]
        name = "sum"
        type = "number"

        [[process]]
        source = "lib://flowstdlib/math/sequence"
        input.start = { once = 1 }
        input.step = { once = 1 }

        [[process]]
        alias = "plus"
        source = "lib://flowstdlib/math/add"
        input.i2 = { always = 10 }

        [[connection]]
        from = "input/limit"
        to = "sequence/limit"

        [[connection]]
        from = "sequence/number"
        to = "plus/i1"

        [[connection]]
        from = "plus"
        to = "output/sum"
        """);
}
