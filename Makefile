# The README's two commands: `make run` and `make test`. Each installs what is
# missing (scripts/install-deps), configures and builds first.
BUILD ?= build
BUILD_ASAN ?= build-asan
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build test run test-sanitize ci clean

all: build

deps:
	@./scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

test: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

run: build
	@./scripts/run-local $(BUILD)

# The unit tests again, built with address and undefined-behaviour sanitizers.
test-sanitize: deps
	@cmake -S . -B $(BUILD_ASAN) -G Ninja -DKOTAK_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD_ASAN) -j $(JOBS) --target kotak_unit_tests
	@ctest --test-dir $(BUILD_ASAN) --output-on-failure -j $(JOBS) -L unit

ci: test test-sanitize

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
