# The README's two commands: `make run` and `make test`. Each installs what is
# missing (scripts/install-deps), configures and builds first.
#
# `make` builds the configuration the Debian package is made from (Release)
# with warnings as errors; a plain `cmake -S . -B b` builds Release without -Werror.
BUILD ?= build
BUILD_ASAN ?= build-asan
BUILD_ARM64 ?= build-arm64
BUILD_FUZZ ?= build-fuzz
FUZZ_SECONDS ?= 60
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
# Every test has its own TIMEOUT; this is the net under any that forgets.
CTEST = ctest --output-on-failure --timeout 600 -j $(JOBS)

.PHONY: all deps build test run build-sanitize test-sanitize test-moved-clock deb build-arm64 deb-arm64 build-fuzz \
        test-arm64 fuzz ci clean

all: build

deps:
	@./scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DKOTAK_WERROR=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

test: build
	@$(CTEST) --test-dir $(BUILD)

run: build
	@./scripts/run-local $(BUILD)

# The suites again with the clock moved (libfaketime): no test may depend on
# today's date. A year ahead (+400 days) every suite runs again: unit and
# end-to-end on both engines, and the browser tests. For our programs only
# the calendar moves: their monotonic clocks stay real, or every timed wait
# (a condition variable's deadline) would be computed 400 days off. Chromium
# stalls when its wall and monotonic clocks disagree that much, so the
# browser tests run with both moved. 200 days back only the unit tests on
# SQLite run again (every date rule of core, the kiosk, kotak-sync and the
# server has its unit test there); the rest a second time would cost CI
# minutes it does not have.
test-moved-clock: build
	@echo "== the clock moved +400d"
	@FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f +400d $(CTEST) --test-dir $(BUILD) -L 'unit|e2e' -LE 'web'
	@echo "== the clock moved +400d: the browser tests"
	@faketime -f +400d $(CTEST) --test-dir $(BUILD) -L '^web$$'
	@echo "== the clock moved -200d: the unit tests on SQLite"
	@FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f -200d $(CTEST) --test-dir $(BUILD) -L '^unit$$'

# The unit tests again, built with address and undefined-behaviour sanitizers
# (on SQLite: the PostgreSQL copies would add minutes CI does not have), at
# -O1 with line tables only: the sanitizers find the same, and the build is
# CI's longest step.
build-sanitize: deps
	@cmake -S . -B $(BUILD_ASAN) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKOTAK_SANITIZE=ON -DKOTAK_WERROR=ON \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD_ASAN) -j $(JOBS) --target kotak_unit_tests

test-sanitize: build-sanitize
	@$(CTEST) --test-dir $(BUILD_ASAN) -L '^unit$$'

# The Debian package of this machine's architecture, in $(BUILD).
deb: build
	@cd $(BUILD) && cpack -G DEB

# The arm64 build for a Raspberry Pi (3B+, 4, 5 on Raspberry Pi OS 64-bit),
# cross-compiled with Debian's multiarch (cmake/arm64-linux-gnu.cmake, or
# `cmake --preset arm64`). It builds only what the package and the arm64
# tests need: the three programs, and the core, kiosk and sync tests
# (tests/CMakeLists.txt leaves the server's and the networked tests out).
build-arm64:
	@./scripts/install-deps arm64
	@cmake -S . -B $(BUILD_ARM64) -G Ninja -DCMAKE_BUILD_TYPE=Release -DKOTAK_WERROR=ON \
	  -DCMAKE_TOOLCHAIN_FILE=cmake/arm64-linux-gnu.cmake $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD_ARM64) -j $(JOBS)

# kotak_<version>_arm64.deb in $(BUILD_ARM64): the same units and configs as
# the amd64 one.
deb-arm64: build-arm64
	@cd $(BUILD_ARM64) && cpack -G DEB

# The arm64 programs tested under qemu-user (label arm64): core's and the
# kiosk's unit tests, the kiosk's headless end-to-end flows, sync's unit
# tests, and the arm64 package's contents.
test-arm64: build-arm64
	@$(CTEST) --test-dir $(BUILD_ARM64) -L arm64

# The libFuzzer targets (docs/fuzzing.md), built with clang and sanitizers in
# their own directory, each run FUZZ_SECONDS from the checked-in corpus and
# what earlier runs found; a crash, leak or sanitizer report fails.
build-fuzz: deps
	@CC=clang CXX=clang++ cmake -S . -B $(BUILD_FUZZ) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKOTAK_FUZZ=ON -DKOTAK_WERROR=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD_FUZZ) -j $(JOBS)

fuzz: build-fuzz
	@./fuzz/run $(BUILD_FUZZ) --seconds $(FUZZ_SECONDS)

ci: test test-moved-clock test-sanitize test-arm64 fuzz

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_ARM64) $(BUILD_FUZZ)
