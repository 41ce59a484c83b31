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

.PHONY: all deps configure build web run test bench fuzz format clean

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS)

configure: $(BUILD_DIR)/build.ninja

build: deps configure web
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The web apps (web/dist, served by the gateway): rebuilt by Vite when a web source changed; skipped with a
# message when npm is not installed.
WEB_SOURCES := $(shell find web/src web/dashboard web/patient web/hospital -type f 2>/dev/null) \
	$(wildcard web/package.json web/package-lock.json web/vite.config.ts web/tsconfig.json)
web: web/dist/.built

web/dist/.built: $(WEB_SOURCES)
	@if ! command -v npm >/dev/null 2>&1; then \
	  echo "web: npm not found; skipping the web apps build (run scripts/install-deps.sh)"; \
	elif [ ! -d web/node_modules ]; then \
	  echo "web: web/node_modules missing; skipping the web apps build (run make deps)"; \
	else \
	  cd web && npm run build --silent && touch dist/.built; \
	fi

run: build
	@bash scripts/run.sh $(AURIXA)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 900

bench: build
	@bash bench/run.sh $(BUILD_DIR)

# libFuzzer targets built with clang in $(FUZZ_BUILD_DIR), each run for FUZZ_SECONDS (tests/fuzz/run.sh).
FUZZ_BUILD_DIR ?= build-fuzz
FUZZ_SECONDS ?= 30
fuzz: deps
	@FUZZ_BUILD_DIR=$(FUZZ_BUILD_DIR) FUZZ_SECONDS=$(FUZZ_SECONDS) JOBS=$(JOBS) bash tests/fuzz/run.sh

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD_DIR)
