// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler.Toml;
using Flowr.Runtime.Library;

namespace Flowr.Runtime.Tests.Compiler.Toml;

/// <summary>
/// The fast TOML reader must read exactly what Tomlyn reads (same tree, values and lines) or leave
/// the document to Tomlyn; it must never accept a document Tomlyn rejects.
/// </summary>
public sealed class FastTomlReaderTests
{
    public static TheoryData<string> Accepted => new()
    {
        "flow = \"x\"\n",
        "# comment\nflow = \"x\" # trailing\n\n\n",
        "flow = \"x\"\r\n[[process]]\r\nsource = \"a\"\r\n",
        "a = 1\nb = -2\nc = +3\nd = 1_000\ne = 0\nf = 3.25\ng = -0.5e3\nh = 1E+2\ni = 6.626e-34\nj = 9_224_617.445_991\nk = 9223372036854775807\nl = -9223372036854775808\n",
        "a = true\nb = false\n",
        "s = \"tab\\there \\\"quoted\\\" back\\\\slash \\u00e9 \\U0001F600 \\b\\f\\n\\r\"\nt = 'C:\\path\\no escapes'\nu = \"\"\nv = ''\nw = \"ünïcödé ✓\"\n",
        "\"quoted key\" = 1\n'literal key' = 2\n\"\" = 3\nbare-key_1 = 4\n",
        "a.b.c = 1\na.b.d = 2\na . e = 3\n\"x\".'y' = 4\n",
        "[t]\nk = 1\n[t.sub]\nk = 2\n[other]\n",
        "[a.b.c]\nx = 1\n[a]\ny = 2\n[a.b]\nz = 3\n",
        "[[process]]\nsource = \"a\"\n[[connection]]\nfrom = \"a\"\nto = \"b\"\n[[process]]\nsource = \"b\"\n",
        "[[fruit]]\nname = \"apple\"\n[fruit.physical]\ncolour = \"red\"\n[[fruit.variety]]\nname = \"red delicious\"\n[[fruit]]\nname = \"banana\"\n[[fruit.variety]]\nname = \"plantain\"\n",
        "[[input]]\n[[input]]\nname = \"b\"\n[[output]]\n",
        "a = [1, 2, 3]\nb = [ ]\nc = [\n  1, # one\n  2,\n]\nd = [[1, 2], [\"a\", 'b'], []]\ne = [1, \"mixed\", true, 2.5]\n",
        "p = { x = 1, y = \"two\", z = { deep = [1, 2] } }\nq = {}\nr = { a.b = 1, a.c = 2 }\n",
        "input.i1 = { once = 0 }\ninput.i2 = { always = [1, { k = \"v\" }] }\n",
        "points = [ { x = 1, y = 2 },\n  { x = 7, y = 8 } ]\n",
        "[a]\nb.c = 1\nb.d = 2\n",
        "key = \"value\"",
        "",
        "   \n\t\n# only comments\n",
    };

    public static TheoryData<string> LeftToTomlyn => new()
    {
        "s = \"\"\"multi\nline\"\"\"\n",
        "s = '''multi'''\n",
        "d = 1979-05-27\n",
        "d = 1979-05-27T07:32:00Z\n",
        "t = 07:32:00\n",
        "h = 0xDEAD\n",
        "o = 0o17\n",
        "b = 0b101\n",
        "f = inf\n",
        "f = -nan\n",
        "a = 1\na = 2\n",
        "[t]\n[t]\n",
        "a.b = 1\n[a]\n",
        "a = { x = 1 }\n[a]\n",
        "a = [1]\n[[a]]\n",
        "[a]\nb.c = 1\n[a.b]\n",
        "[[a]]\n[a]\n",
        "a = \"unterminated\n",
        "a = 'unterminated\n",
        "a = \"bad \\q escape\"\n",
        "a = \"\\uD800\"\n",
        "a = 01\n",
        "a = 1__2\n",
        "a = 1_\n",
        "a = _1\n",
        "a = 1.\n",
        "a = .5\n",
        "a = 1e\n",
        "a = +\n",
        "a = 99999999999999999999\n",
        "a = [1 2]\n",
        "a = [1,,2]\n",
        "a = { x = 1, }\n",
        "a = { x = 1,\n y = 2 }\n",
        "a = { x = 1, x = 2 }\n",
        "a = \n",
        "= 1\n",
        "a = 1 b = 2\n",
        "[a\n",
        "[[a]\n",
        "a = tru\n",
        "a = \"control\u0001char\"\n",
        "a = 1\rb = 2\n",
        "ключ = 1\n",
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Reads_like_tomlyn(string text) => AssertSameAsTomlyn(text);

    [Theory]
    [MemberData(nameof(LeftToTomlyn))]
    public void Leaves_other_documents_to_tomlyn(string text) => Assert.Null(FastTomlReader.TryParse(text));

    [Fact]
    public void Reads_every_embedded_definition_like_tomlyn()
    {
        Assert.NotEmpty(FlowStdLibDefinitions.Paths);
        for (int index = 0; index < FlowStdLibDefinitions.Paths.Count; index++)
        {
            AssertSameAsTomlyn(System.Text.Encoding.UTF8.GetString(FlowStdLibDefinitions.Utf8(index)));
        }
    }

    [Fact]
    public void Reads_every_example_definition_like_tomlyn()
    {
        string examples = Path.Combine(RepositoryRoot(), "examples");
        var files = Directory.EnumerateFiles(examples, "*.toml", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        foreach (string file in files) AssertSameAsTomlyn(File.ReadAllText(file));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "flowr.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("flowr.sln not found above the test binaries");
    }

    private static void AssertSameAsTomlyn(string text)
    {
        var fast = FastTomlReader.TryParse(text);
        Assert.True(fast is not null, $"the fast reader gave up on:\n{text}");
        var tomlyn = TomlReader.ParseWithTomlyn(text, "test.toml");
        AssertSame(tomlyn, fast!, "", isRoot: true, text);
    }

    // Same kinds, keys in the same order, same values, and the same lines wherever Tomlyn knows one.
    private static void AssertSame(TomlNode expected, TomlNode actual, string path, bool isRoot, string text)
    {
        string where = $"at '{path}' of:\n{text}";
        Assert.True(expected.Kind == actual.Kind, $"kind {actual.Kind}, not {expected.Kind}, {where}");
        if (!isRoot && expected.Line != 0) Assert.True(expected.Line == actual.Line, $"line {actual.Line}, not {expected.Line}, {where}");
        Assert.True(expected.Scalar.Equals(actual.Scalar), $"value {actual.Scalar}, not {expected.Scalar}, {where}");
        Assert.True(expected.Items.Count == actual.Items.Count, $"{actual.Items.Count} items, not {expected.Items.Count}, {where}");
        for (int i = 0; i < expected.Items.Count; i++) AssertSame(expected.Items[i], actual.Items[i], $"{path}[{i}]", false, text);
        Assert.True(expected.Members.Select(m => m.Key).SequenceEqual(actual.Members.Select(m => m.Key)),
            $"keys {string.Join(",", actual.Members.Select(m => m.Key))}, not {string.Join(",", expected.Members.Select(m => m.Key))}, {where}");
        for (int i = 0; i < expected.Members.Count; i++) AssertSame(expected.Members[i].Value, actual.Members[i].Value, $"{path}.{expected.Members[i].Key}", false, text);
    }
}
