# kh — the git-friendly customer archive (客户档案) tool.
# `make demo` sets up and validates archive-template; `make test` sets up and runs every test.

SWIFT       ?= swift
PREFIX      ?= /usr/local
KH_RELEASE  := .build/release/kh
BENCH_SIZE  ?= 10000
BENCH_SEED  ?= 1
KH_BENCH_DIR ?= /tmp/kh-bench
RUNS        ?= 3
BROWSER_VENV := .build/browser-venv
# Every build refuses an import of a target that the importing target does not list as a
# dependency (a sideways import between layers, such as KHOutputs importing KHWrite).
CHECK_IMPORTS := --explicit-target-dependency-import-check error

.PHONY: all setup setup-browser test-team-server build release demo test bench embed check-embed install uninstall clean fuzz fuzz-build fuzz-smoke bench-memory kill-campaign dist bench-pr bench-serve bench-team test-shipping test-browser test-pr-mode test-tour format lint check test-unit test-e2e

all: build

## setup: install what is missing (libyaml, SQLite and zlib development files through the platform's package manager).
setup:
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "Swift 6 is required: see https://www.swift.org/install/"; exit 1; }
	@if { pkg-config --exists yaml-0.1 2>/dev/null || [ -f /usr/include/yaml.h ] || [ -f /opt/homebrew/include/yaml.h ] || [ -f /usr/local/include/yaml.h ]; } && \
	    { pkg-config --exists sqlite3 2>/dev/null || [ -f /usr/include/sqlite3.h ] || [ -f /opt/homebrew/opt/sqlite/include/sqlite3.h ] || [ "$$(uname)" = Darwin ]; } && \
	    { pkg-config --exists zlib 2>/dev/null || [ -f /usr/include/zlib.h ] || [ -f /opt/homebrew/opt/zlib/include/zlib.h ] || [ "$$(uname)" = Darwin ]; }; then \
		echo "libyaml, libsqlite3, zlib: present"; \
	elif command -v apt-get >/dev/null 2>&1; then \
		SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		echo "installing libyaml-dev libsqlite3-dev zlib1g-dev"; \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libyaml-dev libsqlite3-dev zlib1g-dev pkg-config; \
	elif command -v dnf >/dev/null 2>&1; then \
		SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; $$SUDO dnf install -y libyaml-devel sqlite-devel zlib-devel pkgconf-pkg-config; \
	elif command -v brew >/dev/null 2>&1; then \
		brew install libyaml sqlite zlib pkg-config; \
	else \
		echo "Install the development files of libyaml, SQLite and zlib (Debian/Ubuntu: libyaml-dev libsqlite3-dev zlib1g-dev; Fedora: libyaml-devel sqlite-devel zlib-devel; macOS: brew install libyaml sqlite zlib)"; exit 1; \
	fi

# The trait Server adds kh serve (Hummingbird); a plain `swift build` leaves it out (docs/serve.md).
build: setup
	$(SWIFT) build --traits Server $(CHECK_IMPORTS)

release: setup
	$(SWIFT) build -c release --traits Server $(CHECK_IMPORTS)

## demo: build kh and run it on the bundled archive-template.
demo: release
	@echo "\$$ kh validate archive-template"
	@KH_NO_CACHE=1 $(KH_RELEASE) validate archive-template
	@echo
	@echo "\$$ kh validate --format json --lang en archive-template"
	@KH_NO_CACHE=1 $(KH_RELEASE) validate --format json --lang en archive-template
	@echo
	@echo "\$$ kh catalogue archive-template"
	@$(KH_RELEASE) catalogue archive-template
	@echo
	@echo "\$$ kh rules KH203"
	@$(KH_RELEASE) rules KH203
	@echo
	@echo "\$$ kh validate Tests/KHTestSupport/Fixtures/defects    # an archive with deliberate mistakes"
	@KH_NO_CACHE=1 $(KH_RELEASE) validate Tests/KHTestSupport/Fixtures/defects | head -30 || true
	@echo
	@echo "\$$ kh fix --dry-run Tests/KHTestSupport/Fixtures/fix/before    # what kh fix would change"
	@KH_NO_CACHE=1 $(KH_RELEASE) fix --dry-run Tests/KHTestSupport/Fixtures/fix/before | head -40 || true

## setup-browser: what the printed-catalogue and kh serve tests use (Chromium and its chromedriver,
## a CJK font, pdftotext; Selenium from PyPI in .build/browser-venv).
setup-browser:
	@if command -v chromium >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then \
		if command -v pdftotext >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then echo "browser: present"; exit 0; fi; fi; \
	if command -v apt-get >/dev/null 2>&1; then \
		SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		echo "browser: installing chromium chromium-driver fonts-noto-cjk poppler-utils"; \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk poppler-utils >/dev/null; \
	else \
		echo "browser: install Chromium or Chrome, its chromedriver and poppler (pdftotext) to run the browser tests"; \
	fi
	@$(BROWSER_VENV)/bin/python -c 'import selenium' 2>/dev/null || { \
		python3 -m venv $(BROWSER_VENV) 2>/dev/null || { rm -rf $(BROWSER_VENV); SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
			$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null && python3 -m venv $(BROWSER_VENV); }; \
		echo "browser: installing selenium from PyPI into $(BROWSER_VENV)"; \
		$(BROWSER_VENV)/bin/pip install -q --disable-pip-version-check selenium; }

## test-team-server: kh serve's team mode from the release archive as a server: logins over
## HTTP, a bare git remote, 20,000 idle connections then a save, slow headers and bodies,
## SIGTERM during saves (scripted and at random moments), docs/deploy.md's nginx block in front
## with TLS, two members in two browsers.
test-team-server: setup-browser
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }
	@[ -f dist/kh-$$(cat VERSION)-linux-$$(uname -m).tar.gz ] || $(MAKE) dist
	tmp=$$(mktemp -d) && tar -C $$tmp -xzf dist/kh-$$(cat VERSION)-linux-$$(uname -m).tar.gz && \
		KH_BROWSER=1 $(BROWSER_VENV)/bin/python scripts/test-team-server.py $$tmp/kh-$$(cat VERSION)-linux-$$(uname -m)/kh; \
		status=$$?; rm -rf $$tmp; exit $$status

## test-browser: kh serve from the release archive (make dist) in Chromium through Selenium:
## find, open, log, conflict, every page at desktop and phone width. KH_SCREENSHOTS=docs/images
## refreshes the pictures of docs/serve.md.
test-browser: setup-browser
	@[ -f dist/kh-$$(cat VERSION)-linux-$$(uname -m).tar.gz ] || $(MAKE) dist
	tmp=$$(mktemp -d) && tar -C $$tmp -xzf dist/kh-$$(cat VERSION)-linux-$$(uname -m).tar.gz && \
		$(BROWSER_VENV)/bin/python scripts/test-browser.py $$tmp/kh-$$(cat VERSION)-linux-$$(uname -m)/kh; \
		status=$$?; rm -rf $$tmp; exit $$status

## check: the edit loop after a change: the style checks, a debug build and the unit tests of
## every layer (KHUnitTests: in-process, no built binary) in parallel processes. make test runs
## everything else too: the end-to-end tests, fuzzing, the release and the browser.
check: setup lint test-unit

## format: swift format over every Swift file (.swift-format; generated files left alone).
format:
	scripts/format.sh

## lint: fails when a Swift file is not as swift format writes it, or a function of Sources/ is
## longer than 80 lines (scripts/long-functions.py); make test and make check run it first.
lint:
	scripts/format.sh --check
	python3 scripts/long-functions.py

## test: every test, in four tracks side by side (scripts/test-all.sh; logs in .build/test-logs):
## the debug build with the unit and end-to-end tests and the pull-request property test; the
## release (make dist) with what tests it as people install it and the browser; the fuzzer; the
## pre-commit hooks. TRACKS="swift fuzz" runs some of them.
test: setup setup-browser check-embed lint
	scripts/test-all.sh $(TRACKS)

## test-unit, test-e2e: one of the two XCTest targets (after a debug build).
## (make test's swift track runs both, after its own debug build, through these targets.)
test-unit: TEST_TARGET = KHUnitTests
test-e2e: TEST_TARGET = KHEndToEndTests
test-unit test-e2e: setup
	$(SWIFT) build --build-tests $(CHECK_IMPORTS)
	$(SWIFT) test --skip-build --disable-swift-testing --parallel --num-workers 2 --filter $(TEST_TARGET)

## test-tour: the README's tour, run as written with the release's kh (make dist first).
test-tour: setup-browser
	@[ -f dist/kh-$$(cat VERSION)-linux-$$(uname -m).tar.gz ] || $(MAKE) dist
	tmp=$$(mktemp -d) && tar -C $$tmp -xzf dist/kh-$$(cat VERSION)-linux-$$(uname -m).tar.gz && \
		python3 scripts/test-tour.py $$tmp/kh-$$(cat VERSION)-linux-$$(uname -m)/kh; \
		status=$$?; rm -rf $$tmp; exit $$status

## test-pr-mode: the pull-request check against full runs on random pull requests of a generated
## archive (KH_PR_SEED=N replays a run, KH_PR_RUNS=N sets how many); make test runs it.
test-pr-mode: build
	python3 scripts/test-pr-mode.py .build/debug/kh

## test-shipping: what people install, tested as they get it: make dist, the dist binary with no
## toolchain in reach, install.sh with a good and a tampered archive, the CI files against their
## schemas, the pre-commit hooks through pre-commit itself (it builds kh: minutes).
## The release is stamped as published at TEST_PUBLISHED, as the release workflow stamps its own
## repository (test-dist.sh then checks that no file names a placeholder).
TEST_PUBLISHED ?= kh-example/kh
test-shipping:
	TEST_PUBLISHED=$(TEST_PUBLISHED) scripts/test-all.sh release precommit

## bench: generate a realistic archive (BENCH_SIZE customers, BENCH_SEED) outside the repo and time kh validate,
## index, catalogue, review, report, the cache, and kh serve (bench-serve).
bench: release
	@[ -x /usr/bin/time ] || { SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time; }
	@command -v python3 >/dev/null 2>&1 || { echo "make bench needs python3 (the archive generator)"; exit 1; }
	KH_BIN=$(KH_RELEASE) RUNS=$(RUNS) bench/bench.sh $(BENCH_SIZE) $(BENCH_SEED)
	$(MAKE) bench-serve

## bench-serve: kh serve on the bench archive: start-up, memory, and wrk's median latency for a
## search and a customer page (BENCH_SIZE=100000 for the large one).
bench-serve: release
	@command -v wrk >/dev/null 2>&1 || { SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk curl >/dev/null; }
	MODE=serve KH_BIN=$(KH_RELEASE) bench/bench.sh $(BENCH_SIZE) $(BENCH_SEED)

## bench-team: kh serve's team mode under load: 50 members saving interactions to customers of
## their own for 60 s on the bench archive under git with a bare remote: saves, errors, p99, lost.
bench-team: release
	@[ -f $(KH_BENCH_DIR)/archive-$(BENCH_SIZE)-$(BENCH_SEED)/.generated ] || python3 bench/gen_archive.py $(KH_BENCH_DIR)/archive-$(BENCH_SIZE)-$(BENCH_SEED) --customers $(BENCH_SIZE) --seed $(BENCH_SEED)
	@touch $(KH_BENCH_DIR)/archive-$(BENCH_SIZE)-$(BENCH_SEED)/.generated
	python3 bench/team_load.py $(KH_RELEASE) $(KH_BENCH_DIR)/archive-$(BENCH_SIZE)-$(BENCH_SEED) $(KH_BENCH_DIR)/team-$(BENCH_SIZE)-$(BENCH_SEED)

## bench-pr: only the pull-request figure (fresh clone, --changed-since against a full run).
bench-pr: release
	MODE=pr KH_BIN=$(KH_RELEASE) RUNS=$(RUNS) bench/bench.sh $(BENCH_SIZE) $(BENCH_SEED)

## fuzz: build the libFuzzer targets (Fuzz/) and run each for FUZZ_TIME seconds (FUZZ_TARGETS, FUZZ_PARALLEL=1).
FUZZ_TIME    ?= 600
FUZZ_TARGETS ?= yaml validate import
# The long runs use a release build (fast inputs); make test's 20-second smoke run a debug one
# (FUZZ_CONFIG=debug: it compiles in half the processor time and keeps assertions on).
FUZZ_CONFIG  ?= release
# lld: gold fails on libFuzzer's main beside SwiftPM's entry point.
FUZZ_FLAGS    = -c $(FUZZ_CONFIG) -Xswiftc -sanitize=fuzzer,address -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
# SwiftPM does not see a source file added to the kh package it depends on by path: when the
# list of sources changed since the last fuzz build, that build is started afresh.
fuzz-build: setup
	@list=$$(find Sources -name '*.swift' | LC_ALL=C sort | cksum); \
	if [ -d Fuzz/.build ] && [ "$$list" != "$$(cat Fuzz/.build/kh-sources 2>/dev/null)" ]; then rm -rf Fuzz/.build; fi; \
	cd Fuzz && $(SWIFT) build $(FUZZ_FLAGS) && echo "$$list" > .build/kh-sources

fuzz: fuzz-build
	FUZZ_CONFIG=$(FUZZ_CONFIG) Fuzz/run.sh $(FUZZ_TIME) $(FUZZ_TARGETS)

## fuzz-smoke: every target for 20 seconds side by side, stopping at the first crash, with a
## debug build (run by make test).
fuzz-smoke: FUZZ_CONFIG = debug
fuzz-smoke: fuzz-build
	FUZZ_CONFIG=$(FUZZ_CONFIG) FUZZ_SMOKE=1 FUZZ_PARALLEL=1 Fuzz/run.sh 20 $(FUZZ_TARGETS)

## kill-campaign: every writing command killed with SIGKILL at every point of its write and at
## KILL_RANDOM random moments, then kh recover: the archive must be exactly before or after.
## (make test runs a short campaign.)
KILL_RANDOM      ?= 100
KILL_IMPORT_ROWS ?= 40
KILL_RANDOM_IMPORT_ROWS ?= 400
kill-campaign: setup
	$(SWIFT) build --build-tests $(CHECK_IMPORTS)
	KH_KILL_RANDOM=$(KILL_RANDOM) KH_KILL_IMPORT_ROWS=$(KILL_IMPORT_ROWS) KH_KILL_RANDOM_IMPORT_ROWS=$(KILL_RANDOM_IMPORT_ROWS) \
	    $(SWIFT) test --skip-build --disable-swift-testing --filter KillCampaignTests > .build/kill-campaign.log 2>&1; \
	    status=$$?; grep -E '^kill-campaign|error:|Executed' .build/kill-campaign.log; exit $$status

## bench-memory: peak memory of kh validate on BENCH_MEMORY_SIZE customers (100,000), against 1 GB.
BENCH_MEMORY_SIZE ?= 100000
bench-memory: release
	@[ -x /usr/bin/time ] || { SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time; }
	MODE=memory KH_BIN=$(KH_RELEASE) bench/bench.sh $(BENCH_MEMORY_SIZE) $(BENCH_SEED)

## dist: the release artefacts of this platform in dist/ (static binary, man page, completions,
## tarball, .deb, SHA256SUMS): see scripts/dist.sh.
dist: setup
	@command -v dpkg-deb >/dev/null 2>&1 || [ "$$(uname)" != Linux ] || ! command -v apt-get >/dev/null 2>&1 || { \
		SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dpkg-dev >/dev/null; }
	scripts/dist.sh

## embed: copy archive-template/, data/pinyin/ and docs/archive-format.md into the binary (and VERSION).
embed:
	python3 scripts/embed.py

check-embed:
	python3 scripts/embed.py --check

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(KH_RELEASE) $(DESTDIR)$(PREFIX)/bin/kh
	install -m 0755 $(KH_RELEASE)-serve $(DESTDIR)$(PREFIX)/bin/kh-serve

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/kh $(DESTDIR)$(PREFIX)/bin/kh-serve

clean:
	$(SWIFT) package clean
