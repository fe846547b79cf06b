# Thin wrapper over CMake. `make demo` and `make test` are the README's two commands.
JOBS ?= $(shell nproc)
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
DEMO_DIR ?= demo-agency
DEMO_DB ?= demo.db

.PHONY: deps build build-asan build-fuzz test test-release test-asan fuzz demo clean format tidy

deps:
	./scripts/install-deps

build:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

build-asan:
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DAGENCYKPI_SANITIZE=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS)

build-fuzz:
	CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAGENCYKPI_FUZZ=ON -DAGENCYKPI_TESTS=ON
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target csv_fuzzer

test-release: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: build-asan
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

fuzz: build-fuzz
	./tests/fuzz/run-fuzzers $(FUZZ_BUILD)

test: deps
	$(MAKE) test-release
	$(MAKE) test-asan
	$(MAKE) fuzz

demo: deps build
	./$(BUILD)/agencykpi demo-data $(DEMO_DIR) --seed 1
	./$(BUILD)/agencykpi import $(DEMO_DIR) --db $(DEMO_DB)
	./$(BUILD)/agencykpi report --db $(DEMO_DB) --period 2026-H1 --as-of 2026-06-30

format:
	find src tests bench -name '*.cpp' -o -name '*.h' | xargs clang-format -i

tidy: build
	find src -name '*.cpp' | xargs clang-tidy -p $(BUILD) --quiet

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
