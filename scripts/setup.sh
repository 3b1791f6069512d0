# Sourced by scripts/serve and scripts/test: finds or installs what a WebAssembly build
# and the browser tests need, and exports the environment for them. Idempotent: a second
# run finds everything and installs nothing.
#
# Two routes to a wasm32 standard library:
#  - rustup with the wasm32-unknown-unknown target already installed (a developer with
#    internet: `rustup target add wasm32-unknown-unknown`);
#  - otherwise Debian's rustc-web + rust-web-src, building std from source (build-std)
#    and linking with LLVM's wasm-ld. This works with package registries only.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${SCORECARD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/scorecard-explorer}
CARGO_BIN=${CARGO_HOME:-$HOME/.cargo}/bin
TRUNK_VERSION=0.21.14
# Must equal the `=` pin of wasm-bindgen in Cargo.toml and [tools] in Trunk.toml.
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132
CARGO_FUZZ_VERSION=0.13.2
GECKODRIVER_VERSION=0.37.1
mkdir -p "$CACHE"
export PATH="$CARGO_BIN:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

APT_UPDATED=
apt_install() {
    # Installs Debian packages when we can (root with apt); otherwise says what to run.
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        if [ -z "$APT_UPDATED" ]; then
            say "apt-get update"
            apt-get update -qq >&2
            APT_UPDATED=1
        fi
        say "apt-get install $*"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
    else
        echo "error: missing $*; install with: sudo apt-get install $*" >&2
        exit 1
    fi
}

cargo_install() { # crate version binary
    local have
    have=$("$CARGO_BIN/$3" --version 2>/dev/null | head -n 1 | awk '{print $2}' || true)
    if [ "$have" != "$2" ]; then
        say "cargo install $1 $2 (once; several minutes)"
        cargo install --locked "$1" --version "$2" >&2 || cargo install "$1" --version "$2" >&2
    fi
}

npm_package() { # package version file-inside-the-package: installs into the cache once; prints the file's path
    local dir="$CACHE/$1-$2"
    if [ ! -e "$dir/node_modules/$1/$3" ]; then
        command -v npm >/dev/null || apt_install nodejs npm
        say "npm install $1@$2"
        mkdir -p "$dir"
        npm install --prefix "$dir" --no-audit --no-fund --silent "$1@$2" >&2
    fi
    echo "$dir/node_modules/$1/$3"
}

setup_wasm() {
    cargo_install trunk "$TRUNK_VERSION" trunk
    cargo_install wasm-bindgen-cli "$WASM_BINDGEN_VERSION" wasm-bindgen

    # wasm-opt from the npm registry's binaryen: Debian's binaryen is too old (its output
    # of a Leptos build fails in Chromium).
    local wasm_opt
    wasm_opt=$(npm_package binaryen "$BINARYEN_VERSION" bin/wasm-opt)
    export PATH="$(dirname "$wasm_opt"):$PATH"

    if timeout 20 rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
        say "using rustup's wasm32-unknown-unknown target"
        return
    fi
    local wasm_ld
    wasm_ld=$(ls -d /usr/lib/llvm-*/bin/wasm-ld 2>/dev/null | sort -V | tail -n 1 || true)
    if [ ! -x /usr/bin/rustc ] || [ ! -d /usr/lib/rustlib/src/rust/library ] || [ -z "$wasm_ld" ]; then
        apt_install rustc-web cargo-web rust-web-src lld-22
        wasm_ld=$(ls -d /usr/lib/llvm-*/bin/wasm-ld | sort -V | tail -n 1)
    fi
    say "using Debian's rustc with build-std and $(dirname "$wasm_ld")/wasm-ld"
    export PATH="$(dirname "$wasm_ld"):/usr/bin:$PATH"
    export RUSTC=/usr/bin/rustc
    export RUSTC_BOOTSTRAP=1
    export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    # Building std anyway, it may as well be small: no file:line:column in panic
    # locations, and std's own size-optimised code paths (7% less gzipped wasm). A panic
    # aborts at once, without formatting its message (11.5 KB less gzipped): the page a
    # person sees is static/crash.js's, and a debug build keeps the message. No `Debug`
    # text either (0.5 KB less; messages quote text with `problem::quoted`, not `{:?}`).
    export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zlocation-detail=none -Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none"
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld
    # The wasm build keeps its own target folder, warm across clones and toolchains
    # (SCORECARD_WASM_TARGET gives a checkout one of its own, for builds side by side).
    export CARGO_TARGET_DIR="${SCORECARD_WASM_TARGET:-$CACHE/target-wasm}"
    own_wasm_build
}

# Cargo judges this crate's build fresh by file times, and the shared target folder does
# not tell clones apart: after another clone's build, this clone's older sources would
# pass for built, and its dist/ would hold the other clone's app. So when the last build
# there was another clone's, this crate's own artifacts go (the dependencies stay).
own_wasm_build() {
    local stamp="$CARGO_TARGET_DIR/built-from"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$ROOT" ]; then
        say "the wasm target folder was last built from another clone: rebuilding this crate"
        (cd "$ROOT" && cargo clean -p scorecard-explorer --target wasm32-unknown-unknown >&2 \
            && cargo clean -p scorecard-explorer --release --target wasm32-unknown-unknown >&2)
        mkdir -p "$CARGO_TARGET_DIR"
        echo "$ROOT" >"$stamp"
    fi
}

# Lints the browser build: native clippy compiles `web` too, but not its wasm32-only
# code (the browser's side of the fetch protocol, the worker, the app's start). On
# Debian's route, clippy comes from rust-web-clippy, of the same version as rustc-web.
clippy_wasm() {
    (
        setup_wasm
        if [ "${RUSTC:-}" = /usr/bin/rustc ] && [ ! -x /usr/bin/clippy-driver ]; then
            apt_install rust-web-clippy
        fi
        cd "$ROOT"
        say "cargo clippy --target wasm32-unknown-unknown"
        cargo clippy --target wasm32-unknown-unknown --bin scorecard-explorer -- -D warnings
    )
}

AXE_VERSION=4.11.0
setup_browser() {
    if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
        apt_install chromium chromium-driver
    fi
    # axe-core, injected into pages by the accessibility tests.
    SCORECARD_AXE=$(npm_package axe-core "$AXE_VERSION" axe.min.js)
    export SCORECARD_AXE
}

# The other two engines of the browser tests: Firefox ESR through geckodriver (crates.io),
# and WebKit (Safari's engine) as WebKitGTK's MiniBrowser through WebKitWebDriver, which
# has no headless mode and runs under Xvfb.
setup_engines() {
    local missing=()
    command -v firefox-esr >/dev/null || command -v firefox >/dev/null || missing+=(firefox-esr)
    command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
    command -v xvfb-run >/dev/null || missing+=(xvfb)
    command -v xauth >/dev/null || missing+=(xauth)
    [ ${#missing[@]} = 0 ] || apt_install "${missing[@]}"
    cargo_install geckodriver "$GECKODRIVER_VERSION" geckodriver
}

# Builds the optimised release app into dist/.
build_dist() {
    (
        setup_wasm
        cd "$ROOT"
        # Cargo first, online: it fetches the crates, and with build-std those of the
        # standard library too, which trunk's offline cargo call would not find.
        say "cargo build --release --target wasm32-unknown-unknown"
        cargo build --release --target wasm32-unknown-unknown --bin scorecard-explorer >&2
        # Again: another clone may have built in between.
        [ "${RUSTC:-}" != /usr/bin/rustc ] || own_wasm_build
        say "trunk build --release"
        trunk build --release --offline >&2
        "$ROOT/scripts/finish-dist.sh" "$ROOT/dist"
    )
    # The default scorecard's first view, as static HTML in index.html: the app's own
    # components render it natively (no browser), so with the native toolchain, outside
    # the wasm build's environment.
    say "scorecard-explorer prerender dist"
    (cd "$ROOT" && cargo run --quiet --bin scorecard-explorer -- prerender "$ROOT/dist")
    # The template workbook the publish page offers (web::components::publish::TEMPLATE).
    rm -f "$ROOT/dist/scorecard-template.xlsx"
    (cd "$ROOT" && cargo run --quiet --bin scorecard-explorer -- template "$ROOT/dist/scorecard-template.xlsx")
    "$ROOT/scripts/compress-dist.sh" "$ROOT/dist"
}

# The same app built with the `forced-panic` feature (its search for "forced panic"
# panics), into target/dist-forced-panic: the browser test of the crash page uses it.
build_forced_panic_dist() {
    (
        setup_wasm
        cd "$ROOT"
        say "trunk build --release --features forced-panic (the crash page's test build)"
        cargo build --release --target wasm32-unknown-unknown --bin scorecard-explorer --features forced-panic >&2
        trunk build --release --offline --features forced-panic --dist target/dist-forced-panic >&2
        "$ROOT/scripts/finish-dist.sh" "$ROOT/target/dist-forced-panic"
        "$ROOT/scripts/compress-dist.sh" "$ROOT/target/dist-forced-panic"
    )
}

# cargo-fuzz, for scripts/fuzz (the fuzz campaign, and its smoke run in scripts/test).
setup_fuzz() {
    cargo_install cargo-fuzz "$CARGO_FUZZ_VERSION" cargo-fuzz
}
