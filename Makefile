# Koppelkans developer entry points. `make run` and `make test` are all a new machine needs.
BUILD_DIR ?= build
PRESET    ?= default
CTEST_JOBS ?= 2

# ccache: rewrite absolute paths below the checkout so that a fresh clone (CI) reuses the
# objects of earlier builds on the same machine.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true

.PHONY: all deps configure build run cli-demo test check-format check-layering format lint bench package clean

all: build

deps:
	@tools/deps.sh

configure: deps
	@if [ ! -f $(BUILD_DIR)/build.ninja ]; then cmake --preset $(PRESET); fi

build: configure
	cmake --build $(BUILD_DIR)

# Opens the workbench on the demo workspace (created on first run).
run: build
	@tools/run.sh $(BUILD_DIR)

check-format: deps
	@tools/check-format.sh

check-layering:
	@tools/check-layering.sh

test: build check-format check-layering
	cd $(BUILD_DIR) && xvfb-run -a -s "-screen 0 1600x1000x24" ctest --output-on-failure -j $(CTEST_JOBS)

format:
	@tools/check-format.sh --fix

lint: configure
	@git ls-files 'core/*.cpp' | xargs clang-tidy -p $(BUILD_DIR) --quiet

# Benchmarks are left out of the everyday build (they only slow down `make test`); this target
# switches them on in the same build tree.
bench: configure
	cmake -S . -B $(BUILD_DIR) -DKK_BUILD_BENCH=ON >/dev/null
	cmake --build $(BUILD_DIR)
	@tools/bench.sh $(BUILD_DIR)

package: build
	cd $(BUILD_DIR) && cpack -G DEB

clean:
	rm -rf $(BUILD_DIR)
