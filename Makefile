# Thin wrappers; see README.md. Every target installs what it needs first.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
BUILD := build
ASAN := build-asan
FUZZ := build-fuzz
PACKAGE := build-package
CMAKE_FLAGS := -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSHAOBING_WERROR=ON
DEMO_LISTEN ?= 127.0.0.1:8080

.PHONY: all deps build build-asan package web test test-unit test-asan test-web fuzz demo bench screenshots clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	@ninja -C $(BUILD) -j $(JOBS)
	@if [ -f web/package.json ]; then (cd web && npm run --silent build); fi

build-asan: deps
	@cmake -S . -B $(ASAN) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSHAOBING_SANITIZE=ON -DSHAOBING_BENCH=OFF -DSHAOBING_WERROR=ON >/dev/null
	@ninja -C $(ASAN) -j $(JOBS)

# The .deb (CPack) in build-package/: the tested optimisation (-O2, then stripped), built to find
# its files beside the installed binary (SHAOBING_PACKAGE); with the web app, the default
# configuration and the systemd unit. scripts/package-test.sh (in make test) unpacks and runs it.
package: deps
	@cmake -S . -B $(PACKAGE) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSHAOBING_PACKAGE=ON -DSHAOBING_TESTS=OFF \
	  -DSHAOBING_BENCH=OFF -DSHAOBING_WERROR=ON >/dev/null
	@ninja -C $(PACKAGE) -j $(JOBS) shaobing
	@cd web && npm run --silent build
	@rm -f $(PACKAGE)/shaobing_*.deb
	@cd $(PACKAGE) && cpack -G DEB >/dev/null
	@ls -1 $(PACKAGE)/shaobing_*.deb

# Every test: unit and integration tests (release and ASan/UBSan builds), each fuzz target
# briefly (about a minute in all), the package unpacked and run, then the web app's.
test: build build-asan package
	@scripts/run-tests.sh $(BUILD) $(ASAN) $(FUZZ) $(PACKAGE)

# Every libFuzzer target of fuzz/ for FUZZ_SECONDS (default 60) each; clang++-16, build-fuzz/.
fuzz: deps
	@FUZZ_BUILD=$(FUZZ) scripts/run-fuzz.sh

test-unit: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

demo: build
	@echo "数据目录 / data: var/demo"
	@./$(BUILD)/shaobing serve --listen $(DEMO_LISTEN) --data var/demo --demo --log-format text

bench: build
	@scripts/run-bench.sh $(BUILD)

screenshots: build
	@cd web && SHAOBING_BIN=../$(BUILD)/shaobing npm run --silent screenshots

clean:
	rm -rf $(BUILD) $(ASAN) $(FUZZ) build-tidy web/dist
