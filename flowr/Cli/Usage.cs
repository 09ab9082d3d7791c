// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Cli;

/// <summary>The text of <c>flowr --help</c>.</summary>
internal static class Usage
{
    public const string Text = """
        flowr: compile and run flow programs written in TOML

        Usage: flowr [OPTIONS] [FLOW] [FLOW ARGS...]

          FLOW                       a directory with root.toml, a .toml file, or a manifest.json (default: .)
          FLOW ARGS                  passed to the flow untouched (args/get gives them from index 1)

        Options (before FLOW; '--' ends them):
          -t, --threads <N>          executor threads for library jobs (default: processor count; 0: only flowrex)
          -j, --jobs <N>             at most N jobs running at once (default: no limit)
          -c, --compile              write manifest.json beside the flow's root definition and exit
              --graph                write flow.dot (and flow.svg with Graphviz) beside the flow and exit
              --graph-expand         like --graph, drawing the functions inside library flows too
          -m, --metrics              print metrics after the flow ends
          -v, --verbosity <LEVEL>    trace, debug, info, warn, error (default), off; logs go to stderr
          -L, --libdir <DIR>         add DIR to the library search path (repeatable; also $FLOW_LIB_PATH)
          -n, --native               accepted for compatibility (flowstdlib is always native)
              --no-optimize          keep functions whose outputs go nowhere
              --remote               also serve remote executors (flowrex) beside the local threads
              --executor-timeout <S> seconds library jobs may wait with no executor at all (default 30)
              --wait-executors <N>   start the flow once N flowrex executors have joined
              --job-port <PORT>      the job service's TCP port (default: a free one, logged with -v info)
              --key-file <FILE>      pre-shared key for executors (mode 600; default $FLOWR_KEY, then ~/.config/flowr/key)
              --gen-key              print a new random key and exit
              --max-value-size <B>   largest message flowr takes from an executor, in bytes (default 1 GiB)
              --progress             show a status line on stderr even when it is not a terminal
              --no-progress          never show the status line
          -d, --debugger             run the flow under the interactive debugger (commands from the terminal)
          -h, --help                 print this help
          -V, --version              print the version

        Exit codes: 0 the flow ran; 1 an error outside the flow's jobs (the reason is on stderr);
        2 the flow ran but some jobs failed; 130 / 143 interrupted by SIGINT / SIGTERM;
        141 stdout was closed (e.g. piped into head).

        """;
}
