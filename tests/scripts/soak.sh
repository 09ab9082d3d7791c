#!/usr/bin/env bash
# The memory soak at full length (make soak): 1,000 `flowr -t 0 examples/fibonacci` runs against one
# flowrex, and 1,000 flowrex sessions joining and leaving one `flowr --remote`, each in its own network
# namespace; each process must end within 10 MB of its RSS after the first 20 (the tables are printed).
# The test suite runs the same tests with 200 flows and 100 sessions. Needs publish/linux-x64 (make publish).
set -euo pipefail
cd "$(dirname "$0")/../.."
export FLOWR_SOAK_FLOWS="${FLOWR_SOAK_FLOWS:-1000}"
export FLOWR_SOAK_SESSIONS="${FLOWR_SOAK_SESSIONS:-1000}"
exec dotnet test tests/Flowr.Distributed.Tests/Flowr.Distributed.Tests.csproj -c Release \
  --filter "FullyQualifiedName~SoakTests" --logger "console;verbosity=detailed"
