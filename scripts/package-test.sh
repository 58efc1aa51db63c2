#!/usr/bin/env bash
# Tests the .deb of `make package` as an operator would meet it, without installing it:
# unpacks it with dpkg-deb -x into a temporary root, checks what it holds (binary, shipped
# data, web app, conffile, systemd unit with its sandboxing, maintainer scripts), that no path
# of this build tree is in the binary, then runs the server from the unpacked root with the
# packaged configuration against a fresh data directory: it finds its data and web app beside
# itself, a user added by the unpacked CLI signs in, and SIGTERM stops it cleanly.
#
#   scripts/package-test.sh build-package/shaobing_<version>_amd64.deb
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
deb="${1:?usage: scripts/package-test.sh FILE.deb}"
[ -f "$deb" ] || { echo "package-test: no such package: $deb (make package)" >&2; exit 2; }
deb="$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")"
tmp="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() { local what="$1"; shift; "$@" >/dev/null 2>&1 || fail "$what"; }

unpacked="$tmp/root"
dpkg-deb -x "$deb" "$unpacked" || { echo "package-test: dpkg-deb -x failed" >&2; exit 1; }
dpkg-deb -e "$deb" "$tmp/control" || { echo "package-test: dpkg-deb -e failed" >&2; exit 1; }
bin="$unpacked/usr/bin/shaobing"

echo "== 包内容 / what the package holds =="
check "the binary /usr/bin/shaobing" test -x "$bin"
check "the gazetteer under /usr/share/shaobing/data" test -f "$unpacked/usr/share/shaobing/data/regions/ningxia.yaml"
check "the catalogue under /usr/share/shaobing/data" test -f "$unpacked/usr/share/shaobing/data/standards/default.yaml"
check "the web app under /usr/share/shaobing/web" test -f "$unpacked/usr/share/shaobing/web/index.html"
check "the default configuration /etc/shaobing/shaobing.yaml" test -f "$unpacked/etc/shaobing/shaobing.yaml"
check "the configuration is a conffile" grep -qx /etc/shaobing/shaobing.yaml "$tmp/control/conffiles"
unit="$unpacked/lib/systemd/system/shaobing.service"
for line in "User=shaobing" "StateDirectory=shaobing" "ProtectSystem=strict" "NoNewPrivileges=yes" \
            "Restart=on-failure" "KillSignal=SIGTERM" \
            "ExecStart=/usr/bin/shaobing serve --config /etc/shaobing/shaobing.yaml"; do
  check "the unit says $line" grep -qx "$line" "$unit"
done
check "postinst makes the service user" grep -q "adduser --system" "$tmp/control/postinst"
check "the package depends on what the binary loads (dpkg-shlibdeps)" grep -q "libsodium" "$tmp/control/control"
for path in "$root" "$(cd "$root" && pwd -P)"; do
  if grep -qaF "$path" "$bin"; then fail "the binary holds the build tree's path $path"; fi
done

echo "== 从解包目录运行 / running from the unpacked root =="
check "config check accepts the packaged configuration" "$bin" config check "$unpacked/etc/shaobing/shaobing.yaml"
data="$tmp/data"
"$bin" serve --config "$unpacked/etc/shaobing/shaobing.yaml" --listen 127.0.0.1:0 --data "$data" \
  >"$tmp/out" 2>"$tmp/err" &
server=$!
url=""
for _ in $(seq 1 300); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$tmp/out" | head -n1)"
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$url" ]; then
  fail "the unpacked server did not start: $(tail -n3 "$tmp/err")"
else
  # HTTP through node (already needed by the web app): status, then the body's first 200 bytes.
  fetch() { node -e 'fetch(process.argv[1], process.argv[2] ? {method: "POST", headers: {"Content-Type": "application/json"}, body: process.argv[2]} : {}).then(async r => console.log(r.status, (await r.text()).slice(0, 200))).catch(e => { console.log("0", e.message); })' "$@"; }
  check "/healthz answers 200" grep -q '^200' <(fetch "${url}healthz")
  check "the web app is served from /usr/share/shaobing/web" grep -q '^200 .*<!doctype html>' <(fetch "$url" | tr 'A-Z' 'a-z')
  check "the unpacked CLI adds a user to the fresh data directory" \
    bash -c "printf 'package-test-password\n' | '$bin' user add --data '$data' --name pkgdesk --role desk --region 640000"
  # Signs in, then reads the regions with the session cookie: the shipped gazetteer was imported.
  signed_in="$(node -e '
    const [url, name, password] = process.argv.slice(1);
    (async () => {
      const login = await fetch(url + "api/v1/auth/login", {method: "POST", headers: {"Content-Type": "application/json"},
                                                            body: JSON.stringify({name, password})});
      const cookie = (login.headers.get("set-cookie") || "").split(";")[0];
      const regions = await fetch(url + "api/v1/regions", {headers: {Cookie: cookie}});
      console.log(login.status, regions.status, await regions.text());
    })().catch(e => console.log(0, 0, e.message));' "$url" pkgdesk package-test-password)"
  check "the user signs in" grep -q '^200 ' <<<"$signed_in"
  check "the shipped gazetteer was imported (兴庆区 640104)" grep -q '^200 200 .*640104' <<<"$signed_in"
  kill -TERM "$server"
  wait "$server"
  status=$?
  server=""
  [ "$status" -eq 0 ] || fail "SIGTERM: exit status $status, want 0"
  check "the data directory is the service's alone (0700)" test "$(stat -c %a "$data")" = 700
fi

if [ "$failures" -ne 0 ]; then
  echo "安装包测试失败 / package tests failed: $failures"
  exit 1
fi
echo "安装包测试通过 / package tests passed ($(basename "$deb"))"
