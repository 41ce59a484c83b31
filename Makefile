# AURIXA — two commands: `make run` and `make test`. Both install missing Debian packages first
# (scripts/install-deps.sh, idempotent), configure once, and build incrementally with ccache at -j2.
BUILD_DIR ?= build
JOBS ?= 2
CMAKE_FLAGS ?= -DAURIXA_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
AURIXA = ./$(BUILD_DIR)/src/aurixa
# ccache: paths relative to the checkout so a fresh clone elsewhere (CI) reuses the cache; precompiled
# headers need the pch sloppiness.
export CCACHE_BASEDIR ?= $(CURDIR)
export CCACHE_SLOPPINESS ?= pch_defines,time_macros,include_file_mtime,include_file_ctime
export CCACHE_MAXSIZE ?= 5G
# -g records the build directory; without this a clone in another folder (CI) would never hit the cache.
export CCACHE_NOHASHDIR ?= 1

.PHONY: all deps configure build run test bench format clean

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS)

configure: $(BUILD_DIR)/build.ninja

build: deps configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@bash scripts/run.sh $(AURIXA)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 900

bench: build
	@bash bench/run.sh $(BUILD_DIR)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD_DIR)
