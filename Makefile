# The README's two commands: `make run` and `make test`. Each installs what is
# missing (scripts/install-deps), configures and builds first.
#
# `make` builds the configuration the Debian package is made from (Release)
# with warnings as errors; a plain `cmake -S . -B b` builds Release without -Werror.
BUILD ?= build
BUILD_ASAN ?= build-asan
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
# Every test has its own TIMEOUT; this is the net under any that forgets.
CTEST = ctest --output-on-failure --timeout 600 -j $(JOBS)

.PHONY: all deps build test run test-sanitize test-moved-clock ci clean

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

# The unit and end-to-end suites again with the clock moved 400 days ahead and
# 200 days back (libfaketime): no test may depend on today's date.
test-moved-clock: build
	@echo "== the clock moved +400 days"
	@faketime -f +400d $(CTEST) --test-dir $(BUILD) -L 'unit|e2e'
	@echo "== the clock moved -200 days"
	@faketime -f -200d $(CTEST) --test-dir $(BUILD) -L 'unit|e2e'

# The unit tests again, built with address and undefined-behaviour sanitizers.
test-sanitize: deps
	@cmake -S . -B $(BUILD_ASAN) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKOTAK_SANITIZE=ON -DKOTAK_WERROR=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD_ASAN) -j $(JOBS) --target kotak_unit_tests
	@$(CTEST) --test-dir $(BUILD_ASAN) -L unit

ci: test test-moved-clock test-sanitize

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
