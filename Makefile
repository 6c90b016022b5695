# GridHall front door. `make demo` and `make test` are all a new machine needs.
BUILD ?= build
JOBS  ?= $(shell nproc)

# Debian 12 packages the build, the tests, the demo and the benchmarks use.
DEB_PACKAGES := cmake ninja-build g++ pkg-config \
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-positioning-dev \
  qt6-websockets-dev qt6-httpserver-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools \
  qt6-l10n-tools qt6-translations-l10n libqt6sql6-sqlite libgl-dev \
  libgdal-dev gdal-bin libsqlite3-dev sqlite3 libxlsxwriter-dev libsimdjson-dev \
  fonts-noto-cjk fonts-wqy-microhei xvfb xauth poppler-utils openssl libssl-dev \
  libpq-dev postgresql-15 postgresql-client-15 haproxy \
  dpkg-dev file librsvg2-bin lintian desktop-file-utils appstream python3 \
  qt6-multimedia-dev libgstrtspserver-1.0-dev libgstreamer1.0-dev gstreamer1.0-plugins-base \
  gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-libav \
  gstreamer1.0-x ffmpeg
# Peers the benchmarks compare against (PERF.md); only `make bench` installs them.
BENCH_PACKAGES := qgis gdal-bin sqlite3

.PHONY: all deps bench-deps configure build test demo bench fuzz clean translations package package-test

all: build

deps: PACKAGES = $(DEB_PACKAGES)
bench-deps: PACKAGES = $(BENCH_PACKAGES)
deps bench-deps:
	@missing=$$(for p in $(PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:" $$missing; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "GridHall needs these Debian packages. Run:"; \
	    echo "  sudo apt-get install -y" $$missing; exit 1; \
	  fi; \
	fi

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja

configure: deps
	cmake -S . -B $(BUILD) -G Ninja

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j $(JOBS)

# The Debian packages: $(BUILD)/gridhall_VERSION_ARCH.deb (the app) and
# $(BUILD)/gridhall-server_VERSION_ARCH.deb (server, simulator, systemd unit); cmake/Packaging.cmake.
package: build
	cd $(BUILD) && cpack -G DEB

# Checks the packages with lintian, desktop-file-validate and appstreamcli, installs them
# (root), runs one sync against the installed server started by its unit's ExecStart line,
# then removes them again.
package-test: package
	bash tests/package/install-and-sync.sh $(BUILD)

# The app creates the demo district on first use, then runs server and simulator itself.
demo: build
	$(BUILD)/app/gridhall --demo

# Peers are installed when possible; a peer that is missing skips its ratio, never fakes it.
bench: build
	-$(MAKE) --no-print-directory bench-deps
	BUILD=$(BUILD) bash tests/bench/run.sh

# Long fuzz runs (not part of `make test`, which runs both briefly): mutated traffic against
# the real server for FUZZ_SECONDS, then the codec on FUZZ_INPUTS inputs. GRIDHALL_FUZZ_SEED
# in the environment replays a seed a run printed. Qt Test's 5-minute watchdog is raised to fit.
FUZZ_SECONDS ?= 600
FUZZ_INPUTS  ?= 5000000
fuzz: build
	cd $(BUILD) && QT_QPA_PLATFORM=offscreen GRIDHALL_FUZZ_SECONDS=$(FUZZ_SECONDS) \
	  QTEST_FUNCTION_TIMEOUT=$$(( ($(FUZZ_SECONDS) + 300) * 1000 )) tests/server/tst_serverfuzz
	cd $(BUILD) && QT_QPA_PLATFORM=offscreen GRIDHALL_FUZZ_ITERATIONS=$(FUZZ_INPUTS) \
	  QTEST_FUNCTION_TIMEOUT=3600000 tests/sync/tst_protocolfuzz

# Refresh the .ts files from the sources (then translate what lupdate marks unfinished).
translations: $(BUILD)/build.ninja
	cp translations/gridhall_zh_CN.ts $(BUILD)/gridhall_zh_CN.before.ts
	cmake --build $(BUILD) --target update_translations
	python3 translations/carry_over.py $(BUILD)/gridhall_zh_CN.before.ts translations/gridhall_zh_CN.ts

clean:
	rm -rf $(BUILD)
