# Thin wrapper over CMake. `make demo` and `make test` are the README's two commands.
JOBS ?= $(shell nproc)
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
DEMO_DIR ?= demo-agency
DEMO_DB ?= demo.db

.PHONY: deps build build-native web build-asan build-fuzz test test-release test-asan test-web test-package fuzz package demo clean format tidy

deps:
	./scripts/install-deps

build: build-native web

build-native:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

# The dashboard: npm packages from the committed lock file, built to web/dist.
web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund

web: web/node_modules/.package-lock.json
	cd web && npm run build

build-asan:
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DAGENCYKPI_SANITIZE=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS)

build-fuzz:
	CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAGENCYKPI_FUZZ=ON -DAGENCYKPI_TESTS=ON
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target csv_fuzzer xlsx_fuzzer profile_fuzzer upload_fuzzer query_fuzzer access_fuzzer

test-release: build-native
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-web: build
	cd web && npm test
	./tests/web/run-browser-tests $(BUILD)/agencykpi

test-asan: build-asan
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

fuzz: build-fuzz
	./tests/fuzz/run-fuzzers $(FUZZ_BUILD)

# The Debian package of the binary, the dashboard and the service:
# $(BUILD)/agencykpi_VERSION_ARCH.deb (packaging/package.cmake).
package: build
	rm -f $(BUILD)/agencykpi_*.deb
	cd $(BUILD) && cpack -G DEB
	@ls -l $(BUILD)/agencykpi_*.deb

# The package installed with apt on a fresh Debian 12 root (debootstrap,
# network needed) and run there: CLI, review packs, the service's command.
test-package: package
	./tests/package/install-test $(BUILD)/agencykpi_*.deb

test: deps
	$(MAKE) test-release
	$(MAKE) test-web
	$(MAKE) test-asan
	$(MAKE) fuzz
	$(MAKE) test-package

DEMO_PORT ?= 8080

# Writes the demo agency, imports it, prints the report of its latest
# complete half-year, then serves the dashboard on it until Ctrl-C.
demo: deps build
	./$(BUILD)/agencykpi demo-data $(DEMO_DIR) --seed 1
	./$(BUILD)/agencykpi import $(DEMO_DIR) --db $(DEMO_DB)
	./$(BUILD)/agencykpi report --db $(DEMO_DB) --period 2026-H1 --as-of 2026-06-30
	@echo
	@echo "Dashboard: http://127.0.0.1:$(DEMO_PORT)/#/overview?period=2026-H1&as_of=2026-06-30"
	./$(BUILD)/agencykpi serve --db $(DEMO_DB) --port $(DEMO_PORT)

format:
	find src tests bench -name '*.cpp' -o -name '*.h' | xargs clang-format -i

tidy: build
	find src -name '*.cpp' | xargs clang-tidy -p $(BUILD) --quiet

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
