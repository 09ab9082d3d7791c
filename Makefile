# flowr: build, test, publish native single files, benchmark.
# `make demo` and `make test` do all set-up on a fresh Debian 12 machine with the .NET 10 SDK.

RID     ?= linux-x64
OUT     ?= publish/$(RID)
CLANG   ?= $(shell command -v clang >/dev/null 2>&1 && echo clang || echo clang-14)
DOTNET  ?= dotnet
CONFIG  ?= Release

PUBLISH_PROPS_linux-x64   := -p:CppCompilerAndLinker=$(CLANG)
PUBLISH_PROPS_linux-arm64 := -p:CppCompilerAndLinker=$(CLANG) -p:ObjCopyName=llvm-objcopy
QEMU_ARM64 := qemu-aarch64 -L /usr/aarch64-linux-gnu

.PHONY: all deps build publish publish-all demo test soak arm64-check bench bench-gate clean wasm

all: build

deps:
	bash tests/scripts/install-deps.sh

build:
	$(DOTNET) build flowr.sln -c $(CONFIG)

## wasm: the examples' provided functions, C -> wasm32 with clang-14 and wasm-ld (upstream ABI: runtime/Wasm/README.md)
WASM_CC      ?= clang-14
WASM_CFLAGS  := --target=wasm32 -O2 -nostdlib -mbulk-memory -Wl,--no-entry -Wl,--export-dynamic -Wl,--strip-all
WASM_MODULES := $(patsubst %.c,%.wasm,$(wildcard examples/*/*/*.c))

wasm: $(WASM_MODULES)

examples/%.wasm: examples/%.c $(wildcard examples/*/common/*.h) | deps
	$(WASM_CC) $(WASM_CFLAGS) -o $@ $<

## publish: native-AOT single files publish/$(RID)/flowr and publish/$(RID)/flowrex (RID=linux-x64 or linux-arm64)
publish: deps wasm
	$(DOTNET) publish flowr/Flowr.csproj -c Release -r $(RID) -o $(OUT) $(PUBLISH_PROPS_$(RID))
	$(DOTNET) publish flowrex/Flowrex.csproj -c Release -r $(RID) -o $(OUT) $(PUBLISH_PROPS_$(RID))

publish-all:
	$(MAKE) publish RID=linux-x64
	$(MAKE) publish RID=linux-arm64

## demo: build flowr and flowrex, start a flowrex, run `flowr -t 0 examples/fibonacci` on it, stop it
demo:
	$(MAKE) publish RID=linux-x64
	bash tests/scripts/demo.sh

## test: every test: unit, integration (examples with the native binary), mDNS interop, arm64 under qemu
test: deps wasm publish-all
	bash tests/scripts/run-tests.sh

## soak: 1,000 flows against one flowrex and 1,000 flowrex sessions against one flowr --remote; RSS must stay flat (~17 min)
soak:
	$(MAKE) publish RID=linux-x64
	bash tests/scripts/soak.sh

## arm64-check: the arm64 flowr under qemu prints the same fibonacci as the x64 one
arm64-check:
	bash tests/scripts/arm64-check.sh

## bench: BenchmarkDotNet microbenchmarks (ARGS to pass options, e.g. ARGS="--filter *Chain*")
bench:
	$(DOTNET) run -c Release --project bench/Flowr.Benchmarks -- $(ARGS)

## bench-gate: short benchmark run that fails when a per-job path allocates
bench-gate:
	bash tests/scripts/bench-gate.sh

clean:
	rm -rf artifacts publish BenchmarkDotNet.Artifacts
