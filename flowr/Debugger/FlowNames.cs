// Copyright (c) flowr contributors. MIT licence.
using System.Globalization;
using Flowr.Runtime.Model;

namespace Flowr.Debugger;

/// <summary>
/// Finds functions, inputs and flows by what a user types (an id, a route, a name or the end of a
/// route) and names them back in messages. Routes and names come from the compiled flow; a
/// manifest.json without them still works by id.
/// </summary>
internal sealed class FlowNames
{
    private readonly IReadOnlyList<FunctionSpec> _functions;
    private readonly SortedDictionary<int, string> _flowRoutes = [];

    public FlowNames(IReadOnlyList<FunctionSpec> functions)
    {
        _functions = functions;
        foreach (var function in functions)
        {
            int slash = function.Route.LastIndexOf('/');
            string parent = slash > 0 ? function.Route[..slash] : "";
            // Every function of a flow has that flow's route as its parent route.
            if (!_flowRoutes.TryGetValue(function.FlowId, out string? known) || known.Length == 0) _flowRoutes[function.FlowId] = parent;
        }
    }

    /// <summary>What the single unnamed input of a function is called.</summary>
    public const string DefaultInput = "default";

    public int Count => _functions.Count;

    public FunctionSpec this[int id] => _functions[id];

    /// <summary>Flow ids, ascending.</summary>
    public IEnumerable<int> FlowIds => _flowRoutes.Keys;

    /// <summary>"#0 /fibonacci/add", or "#0 add" / "#0 lib://…" when the route is not known.</summary>
    public string Function(int id)
    {
        var function = _functions[id];
        string name = function.Route.Length > 0 ? function.Route : function.Name.Length > 0 ? function.Name : function.ImplementationLocation;
        return $"#{id} {name}";
    }

    /// <summary>An input's name, or its number when it has none.</summary>
    public string InputName(int functionId, int index)
    {
        var inputs = _functions[functionId].Inputs;
        if (index < inputs.Count && inputs[index].Name.Length > 0) return inputs[index].Name;
        return inputs.Count == 1 ? DefaultInput : index.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>"#0 /fibonacci/add:i2".</summary>
    public string Input(int functionId, int index) => $"{Function(functionId)}:{InputName(functionId, index)}";

    /// <summary>"#1 /router/path_tracker", or "#1" when its route is not known.</summary>
    public string Flow(int flowId) =>
        _flowRoutes.TryGetValue(flowId, out string? route) && route.Length > 0 ? $"#{flowId} {route}" : $"#{flowId}";

    /// <summary>Finds a function by id, full route, name (alias) or the end of its route (<c>tracker/add</c>).</summary>
    public bool TryFindFunction(string text, out int id, out string? error)
    {
        error = null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id))
        {
            if (id < _functions.Count) return true;
            error = $"There is no function #{id}: ids go from 0 to {_functions.Count - 1} ('f' lists them)";
            return false;
        }
        var exact = Matching(f => f.Route == text);
        if (exact.Count == 0) exact = Matching(f => f.Name == text);
        if (exact.Count == 0) exact = Matching(f => f.Route.EndsWith("/" + text.TrimStart('/'), StringComparison.Ordinal));
        if (exact.Count == 1)
        {
            id = exact[0];
            return true;
        }
        id = -1;
        error = exact.Count == 0
            ? $"No function is called '{text}' ('f' lists the functions)"
            : $"'{text}' could be any of {string.Join(", ", exact.Select(Function))}: give the route or the id";
        return false;
    }

    /// <summary>Finds an input of a function by name or number.</summary>
    public bool TryFindInput(int functionId, string text, out int index, out string? error)
    {
        error = null;
        var inputs = _functions[functionId].Inputs;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index < inputs.Count) return true;
        for (index = 0; index < inputs.Count; index++)
        {
            if (inputs[index].Name == text || (text == DefaultInput && InputName(functionId, index) == DefaultInput)) return true;
        }
        index = -1;
        error = inputs.Count == 0
            ? $"{Function(functionId)} has no inputs"
            : $"{Function(functionId)} has no input '{text}'; its inputs are {string.Join(", ", Enumerable.Range(0, inputs.Count).Select(i => InputName(functionId, i)))}";
        return false;
    }

    /// <summary>Finds a flow by id, by its route, or by the last part of its route.</summary>
    public bool TryFindFlow(string text, out int flowId, out string? error)
    {
        error = null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out flowId) && _flowRoutes.ContainsKey(flowId)) return true;
        var found = _flowRoutes.Where(f => f.Value.Length > 0 && (f.Value == text || f.Value.EndsWith("/" + text.TrimStart('/'), StringComparison.Ordinal)))
            .Select(f => f.Key).ToList();
        if (found.Count == 1)
        {
            flowId = found[0];
            return true;
        }
        flowId = -1;
        error = found.Count == 0
            ? $"No flow is called '{text}'; the flows are {string.Join(", ", _flowRoutes.Keys.Select(Flow))}"
            : $"'{text}' could be any of {string.Join(", ", found.Select(Flow))}: give the id";
        return false;
    }

    private List<int> Matching(Func<FunctionSpec, bool> predicate)
    {
        var ids = new List<int>();
        foreach (var function in _functions) if (predicate(function)) ids.Add(function.Id);
        return ids;
    }
}
