#!/usr/bin/env bash
# Checks that what scripts/install-deps.sh installs covers everything the build and the tests
# use on this machine, so that a fresh Debian 12 builds and tests the same way.
#
#   scripts/check-deps.sh [--packages-from FILE] [--quiet] BUILD_DIR...
#
# What the build used, from each (built) build directory given:
#   - headers outside the source tree: the compiler's dependency records (ninja -t deps);
#   - CMake files read while configuring (package configs, find modules): the inputs of
#     build.ninja's regeneration rule; the files CMake found (CMakeCache.txt FILEPATH entries,
#     but of CMake's own only the compiler and ninja);
#   - pkg-config files: `pkg-config --path` of each module pkg_check_modules asked for, and of
#     the modules those require;
#   - files named in the build commands (static libraries, tools), and what the compiler runs
#     and links in on its own (its -### output: cc1plus, as, collect2, ld, crt files, runtimes);
#   - shared libraries every executable built loads, and the web build's native npm code (ldd);
#   - programs the Makefile, scripts and tests run: PROGRAMS below, and every /usr/bin/...-style
#     path named in the Makefile, scripts/, src/, tests/, bench/ and the web app's scripts/tests.
# Each file maps to its Debian packages as `dpkg -S` would (from dpkg's file lists, read once),
# trying the path, each symlink on the way and the resolved path, each also under its merged
# /usr twin (/lib <-> /usr/lib, /bin <-> /usr/bin, ...).
#
# What install-deps.sh installs: the packages of scripts/debian-packages.txt and what
# `apt-get install --no-install-recommends` of them pulls in on a Debian 12 base system. The
# base system: this machine's packages with Essential: yes or Priority: required or important,
# and what they depend on. What the list pulls in: the graph of `apt-cache depends --recurse`
# (no recommends, suggests, conflicts...; candidates taken against the base system's status),
# walked the way apt resolves it: a dependency the base or the packages taken so far meet adds
# nothing, else its first real alternative, or for a virtual package one provider (the one
# installed here, else the first) -- not every alternative and provider the graph holds. On
# this project's list this gives the same new packages as a simulated `apt-get -s install`
# against the base status (which also upgrades a few base packages), in a tenth of the time.
#
# Exit 0: everything covered (one summary line; --quiet prints only that and the notes).
# Exit 1: names each package used but neither listed nor pulled in, each file that belongs to
# no Debian package (programs named in a keep-own= field of the list excepted: a machine may
# bring its own Node.js) and each program the tests run that is not on PATH.
# Exit 2: bad usage, a directory that is not a built CMake/Ninja build, or apt cannot resolve
# the list (its package lists missing: apt-get update).
set -euo pipefail
export LC_ALL=C
root="$(cd "$(dirname "$0")/.." && pwd)"
list="$root/scripts/debian-packages.txt"
quiet=0
builds=()

# Programs the build and the tests run by name, and who runs them. Programs named by absolute
# path in the sources are found by grepping them (below); the compiler, what it runs and the
# tools CMake found come from each build directory.
PROGRAMS=(
  "make       Makefile"
  "bash       Makefile (SHELL), scripts/*.sh"
  "cmake      Makefile"
  "ctest      scripts/run-tests.sh"
  "ninja      Makefile"
  "node       web/package.json scripts, web/e2e/run.mjs"
  "npm        Makefile, scripts/run-tests.sh, scripts/install-deps.sh"
  "wrk        scripts/run-bench.sh, bench/intake/intake_bench.cc"
  "dpkg-query scripts/install-deps.sh, scripts/check-deps.sh"
  "apt-get    scripts/install-deps.sh, scripts/check-deps.sh"
  "apt-cache  scripts/check-deps.sh"
  "ldd        scripts/check-deps.sh"
  "awk        scripts/check-deps.sh"
  "sha256sum  scripts/install-deps.sh"
  "cpack      Makefile (package)"
  "dpkg-deb   scripts/package-test.sh"
  "dpkg-shlibdeps Makefile (package: CPack's dependencies of the binary)"
  "promtool   scripts/run-tests.sh (alert rules), tests/integration/metrics_test.cc"
  "flock      scripts/run-fuzz.sh"
  "clang-format-16   scripts/check-style.sh (make test)"
  "clang-tidy-16     scripts/check-style.sh (make test)"
  "run-clang-tidy-16 scripts/check-style.sh (make test)"
  "git        scripts/check-style.sh (git ls-files)"
)

usage() { sed -n 's/^#   \(scripts\/check-deps.sh .*\)/usage: \1/p' "$0" >&2; exit 2; }
die() { echo "check-deps.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --packages-from) [ $# -ge 2 ] || usage; list="$2"; shift 2 ;;
    --packages-from=*) list="${1#*=}"; shift ;;
    --quiet|-q) quiet=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    -*) echo "check-deps.sh: unknown option $1" >&2; usage ;;
    *) builds+=("$1"); shift ;;
  esac
done
[ ${#builds[@]} -gt 0 ] || usage
[ -f "$list" ] || die "no package list: $list"
for i in "${!builds[@]}"; do
  b="${builds[$i]}"
  [ -f "$b/CMakeCache.txt" ] && [ -f "$b/build.ninja" ] || die "not a CMake/Ninja build directory: $b"
  builds[$i]="$(cd "$b" && pwd)"
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
started=$SECONDS

# --- What the build used: lines "path<TAB>why" in $tmp/used ------------------------------

# resolve_program NAME: the file NAME runs from PATH, or nothing.
resolve_program() { command -v -- "$1" 2>/dev/null | grep '^/' || true; }

# compiler_internals DIR COMMAND: what the compiler runs and links in for COMMAND (its -###
# output), as "path<TAB>why" lines; bare program names are looked up on PATH.
compiler_internals() {
  local dir="$1" cmd="$2" line prog tok
  (cd "$dir" && eval "$cmd -###") 2>&1 | grep '^ ' | tr -d '"' | while read -r prog line; do
    set -f
    case "$prog" in /*) ;; *) prog="$(resolve_program "$prog")" ;; esac
    if [ -n "$prog" ]; then printf '%s\tprogram the compiler runs\n' "$prog"; fi
    for tok in $line; do
      case "$tok" in /*) if [ -f "$tok" ]; then printf '%s\tlinked in by the compiler\n' "$tok"; fi ;; esac
    done
  done || true
}

# shared_libraries: for each file named on stdin that is an ELF object, the shared libraries it
# loads (ldd), as "path<TAB>why" lines; a library not found as "NOT-FOUND:name<TAB>why".
shared_libraries() {
  local f
  while read -r f; do
    [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ] || continue
    ldd "$f" 2>/dev/null | awk -v f="${f#"$root"/}" '
      /=> not found/ { print "NOT-FOUND:" $1 "\tshared library of " f; next }
      { for (i = 1; i <= NF; i++) if ($i ~ /^\//) { print $i "\tshared library of " f; break } }' || true
  done
}

for b in "${builds[@]}"; do
  cache="$b/CMakeCache.txt"
  # Headers: every input the compiler recorded for every object.
  ninja -C "$b" -t deps | awk -v dir="$b" '/^[ \t]/ { sub(/^[ \t]+/, ""); if ($0 !~ /^\//) $0 = dir "/" $0; print $0 "\theader" }'
  # CMake files read while configuring: the implicit inputs of the regeneration rule.
  ninja -C "$b" -t query build.ninja | awk -v dir="$b" '
    /^  input:/ { on = 1; next } /^  outputs:/ { on = 0 }
    on { sub(/^[ \t|]+/, ""); if ($0 !~ /^\//) $0 = dir "/" $0; print $0 "\tCMake file read while configuring" }'
  # Files find_package/find_library/find_program found (CMakeCache.txt FILEPATH entries), and
  # the compiler and ninja; not the binutils CMake looks up without the build running them
  # (CMAKE_AR, CMAKE_LINKER, CMAKE_ADDR2LINE...): what runs shows in the build commands.
  grep -E '^[A-Za-z0-9_.+-]+:FILEPATH=/' "$cache" | grep -vE '^CMAKE_' |
    sed 's/^[^=]*=\(.*\)$/\1\tfound by CMake (CMakeCache.txt)/' || true
  sed -n 's/^\(CMAKE_[A-Z]*_COMPILER\|CMAKE_MAKE_PROGRAM\):FILEPATH=\(\/.*\)$/\2\tfound by CMake (CMakeCache.txt)/p' "$cache"
  sed -n 's/^CMAKE_\(CTEST_\)\{0,1\}COMMAND:INTERNAL=\(\/.*\)$/\2\tCMake/p' "$cache"
  # pkg-config files of the modules pkg_check_modules asked for, and of what they require.
  pkgconfig="$(sed -n 's/^PKG_CONFIG_EXECUTABLE:FILEPATH=//p' "$cache")"
  if [ -n "$pkgconfig" ]; then
    modules="$(sed -n 's/^__pkg_config_arguments_[^:]*:INTERNAL=//p' "$cache" | tr ';' '\n' |
      grep -vxE 'REQUIRED|QUIET|NO_CMAKE_PATH|NO_CMAKE_ENVIRONMENT_PATH|IMPORTED_TARGET|GLOBAL' |
      sed 's/[<>=].*//' | sort -u)" || true
    seen=" "
    while [ -n "$modules" ]; do
      next=""
      for m in $modules; do
        case "$seen" in *" $m "*) continue ;; esac
        seen+="$m "
        "$pkgconfig" --path "$m" 2>/dev/null | sed 's/$/\tpkg-config file/' || true
        next+=" $("$pkgconfig" --print-requires --print-requires-private "$m" 2>/dev/null | awk '{print $1}' | tr '\n' ' ')"
      done
      modules="$(tr ' ' '\n' <<<"$next" | sed '/^$/d' | sort -u)"
    done
  fi
  # Files named in the build commands: programs run, static libraries and files linked.
  ninja -C "$b" -t commands | tr ' ' '\n' | sed -n 's/^\(\/.*\)$/\1/p' | sort -u | while read -r f; do
    if [ -f "$f" ]; then printf '%s\tnamed in a build command\n' "$f"; fi
  done
  # What the compiler runs and links in by itself, for one compile and one link command.
  cxx="$(sed -n 's/^CMAKE_CXX_COMPILER:FILEPATH=//p' "$cache")"
  if [ -n "$cxx" ]; then
    commands="$(ninja -C "$b" -t commands)"
    compile="$(grep -F -- "$cxx " <<<"$commands" | grep -m1 -- ' -c ' || true)"
    link="$(grep -F -- ": && $cxx " <<<"$commands" | grep -v -- ' -c ' | head -n1 |
      awk -v cxx="$cxx " '{ n = split($0, step, / && /); for (i = 1; i <= n; i++) if (index(step[i], cxx) == 1) { print step[i]; exit } }' || true)"
    if [ -n "$compile" ]; then compiler_internals "$b" "$compile"; fi
    if [ -n "$link" ]; then compiler_internals "$b" "$link"; fi
    ld="$("$cxx" -print-prog-name=ld)"
    case "$ld" in /*) ;; *) ld="$(resolve_program "$ld")" ;; esac
    if [ -n "$ld" ]; then printf '%s\tlinker the compiler runs\n' "$ld"; fi
  fi
  # Shared libraries each executable built loads.
  find "$b" -name CMakeFiles -prune -o -type f -perm -u+x -print | shared_libraries
done > "$tmp/used"
# Native code the web build runs from npm packages (esbuild, rollup's addon): no Debian package
# depends on what it loads.
if [ -d "$root/web/node_modules" ]; then
  find "$root/web/node_modules" -type f \( -name '*.node' -o -perm -u+x \) | shared_libraries >> "$tmp/used"
fi
grep -q $'\theader$' "$tmp/used" || die "no compiler dependency records in ${builds[*]}: build first"

# Programs run by name, and programs named by absolute path in the sources.
for entry in "${PROGRAMS[@]}"; do
  read -r name where <<<"$entry"
  path="$(resolve_program "$name")"
  printf '%s\tprogram run by %s\n' "${path:-NOT-FOUND:$name}" "$where"
done >> "$tmp/used"
(cd "$root" && grep -rIoE '(^|[^A-Za-z0-9_./-])(/usr(/local)?)?/s?bin/[A-Za-z][A-Za-z0-9_.+-]*' \
   --exclude-dir=node_modules --exclude-dir=dist --exclude='check-deps*.sh' \
   Makefile scripts src tests bench web/e2e web/test web/scripts web/package.json 2>/dev/null || true) |
  sed -E 's#^([^:]*):.?(/.*)$#\2\t\1#' |
  # Not programs of a package: the project's own, as installed, and Debian's policy-rc.d hook,
  # which install-deps.sh writes for the time of an install.
  { grep -v -e $'^[^\t]*/shaobing\t' -e $'^/usr/sbin/policy-rc.d\t' || true; } |
  sort -t$'\t' -u -k1,1 | while IFS=$'\t' read -r path file; do
    if [ -e "$path" ]; then printf '%s\tprogram named in %s\n' "$path" "$file"
    else printf 'NOT-FOUND:%s\tprogram named in %s\n' "$path" "$file"; fi
  done >> "$tmp/used"

# --- Normalise, keep what lies outside the trees, follow symlinks -----------------------------
# awk: norm(PATH) drops empty and "." segments and folds ".." (lexically, as the compiler's
# "/usr/lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12" means /usr/include/c++/12).
awk_norm='
  function norm(p,   n, i, parts, out, k) {
    n = split(p, parts, "/"); k = 0
    for (i = 1; i <= n; i++) {
      if (parts[i] == "" || parts[i] == ".") continue
      if (parts[i] == "..") { if (k > 0) k--; continue }
      out[++k] = parts[i]
    }
    p = ""; for (i = 1; i <= k; i++) p = p "/" out[i]
    return p == "" ? "/" : p
  }'
# The trees: this checkout, each build directory and the source directory it builds.
{
  for d in "$root" "${builds[@]}"; do printf '%s\n' "$d" "$(cd "$d" && pwd -P)"; done
  for b in "${builds[@]}"; do sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$b/CMakeCache.txt"; done
} > "$tmp/trees"
# $tmp/files: "path<TAB>why", one line per path (first reason kept), paths lexically normalised.
awk -F'\t' -v trees="$tmp/trees" "$awk_norm"'
  function inside(p, d) { return p == d || index(p, d "/") == 1 }
  BEGIN { while ((getline l < trees) > 0) if (l != "") tree[++nt] = norm(l) }
  $1 ~ /^NOT-FOUND:/ { if (!($1 in seen)) { seen[$1] = 1; print }; next }
  {
    p = norm($1)
    for (i = 1; i <= nt; i++) if (inside(p, tree[i])) next
    if (!(p in seen)) { seen[p] = 1; print p "\t" $2 }
  }' "$tmp/used" > "$tmp/files"

# $tmp/hops: "path<TAB>hop" for the path, every symlink on the way and the resolved file;
# paths that no longer exist (stale dependency records) are left out, directories too.
cut -f1 "$tmp/files" > "$tmp/used-paths"
while read -r p; do
  [ -e "$p" ] && [ ! -d "$p" ] || continue
  printf '%s\t%s\n' "$p" "$p"
  h="$p"; n=0
  while [ -L "$h" ] && [ $n -lt 40 ]; do
    t="$(readlink -- "$h")"
    case "$t" in /*) h="$t" ;; *) h="${h%/*}/$t" ;; esac
    printf '%s\t%s\n' "$p" "$h"; n=$((n + 1))
  done
done < "$tmp/used-paths" > "$tmp/hops.raw"
cut -f1 "$tmp/hops.raw" | sort -u > "$tmp/paths"
tr '\n' '\0' < "$tmp/paths" | xargs -0 -r readlink -m -- | paste "$tmp/paths" - >> "$tmp/hops.raw"
# Lexically normalise every hop, and add each one's merged-/usr twin.
awk -F'\t' "$awk_norm"'
  {
    h = norm($2); hop = $1 "\t" h
    if (seen[hop]++) next
    print $1 "\t" h "\t" h
    if (h ~ /^\/usr\/(bin|sbin|lib[^\/]*)\//) print $1 "\t" h "\t" substr(h, 5)
    else if (h ~ /^\/(bin|sbin|lib[^\/]*)\//) print $1 "\t" h "\t/usr" h
  }' "$tmp/hops.raw" > "$tmp/hops"

# --- Owners, as dpkg -S: "candidate<TAB>package" from every package's file list --------------
cut -f3 "$tmp/hops" | sort -u > "$tmp/candidates"
awk 'FNR == NR { want[$0] = 1; next }
     ($0 in want) { pkg = FILENAME; sub(/.*\//, "", pkg); sub(/\.list$/, "", pkg); sub(/:.*/, "", pkg); print $0 "\t" pkg }' \
  "$tmp/candidates" /var/lib/dpkg/info/*.list | sort -u > "$tmp/owners"

# --- What install-deps.sh installs on a fresh machine ---------------------------------------
sed 's/#.*//' "$list" | awk 'NF { print $1 }' | sort -u > "$tmp/listed"
sed 's/#.*//' "$list" | sed -n 's/.*keep-own=\([^ \t]*\).*/\1/p' | tr ',' '\n' | sed '/^$/d' | sort -u > "$tmp/keep-own"
[ -s "$tmp/listed" ] || die "no packages in $list"

# The base system: installed packages with Essential: yes or Priority: required or important,
# and what they depend on (libraries are mostly of optional priority), each dependency taken
# by its first alternative installed here, by name or through Provides.
awk 'BEGIN { RS = ""; FS = "\n" }
  function pick(alts,   n, a, j, x) {
    n = split(alts, a, "|")
    for (j = 1; j <= n; j++) { x = a[j]; gsub(/\(.*\)|\[.*\]|:[a-z0-9]+| /, "", x); if (x in installed) return x }
    for (j = 1; j <= n; j++) { x = a[j]; gsub(/\(.*\)|\[.*\]|:[a-z0-9]+| /, "", x); if (x in provider) return provider[x] }
    return ""
  }
  $0 ~ /(^|\n)Status: install ok installed(\n|$)/ {
    name = ""; deps = ""; prov = ""; seed = 0
    for (i = 1; i <= NF; i++) {
      if ($i ~ /^Package: /) name = substr($i, 10)
      else if ($i ~ /^(Depends|Pre-Depends): /) { d = $i; sub(/^[^:]*: /, "", d); deps = deps "," d }
      else if ($i ~ /^Provides: /) prov = substr($i, 11)
      else if ($i ~ /^Essential: yes$/ || $i ~ /^Priority: (required|important)$/) seed = 1
    }
    para[name] = $0; depends[name] = deps; installed[name] = 1
    if (seed) queue[++nq] = name
    n = split(prov, pl, ",")
    for (j = 1; j <= n; j++) { p = pl[j]; gsub(/\(.*\)|:[a-z0-9]+| /, "", p); if (!(p in provider)) provider[p] = name }
  }
  END {
    for (h = 1; h <= nq; h++) {
      p = queue[h]
      if (p in inbase) continue
      inbase[p] = 1; print para[p] "\n"
      n = split(depends[p], groups, ",")
      for (g = 1; g <= n; g++) { x = pick(groups[g]); if (x != "" && !(x in inbase)) queue[++nq] = x }
    }
  }' /var/lib/dpkg/status > "$tmp/base.status"
sed -n 's/^Package: //p' "$tmp/base.status" | sort -u > "$tmp/base"
dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' | awk '$1 == "ii" { print $2 }' | sort -u > "$tmp/here"

# Every package the list may pull in, through every alternative and provider, with the
# dependencies of the version a fresh machine would get (candidates against the base status).
apt_opts=(-o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache="$tmp/srcpkgcache.bin")
# shellcheck disable=SC2046
apt-cache "${apt_opts[@]}" -o Dir::State::status="$tmp/base.status" depends --recurse \
  --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances \
  $(cat "$tmp/listed") > "$tmp/depends" 2> "$tmp/apt.err" || die "apt-cache depends failed: $(head -n3 "$tmp/apt.err")"
unknown="$(grep -vxFf <(grep '^[^ <]' "$tmp/depends") "$tmp/listed" || true)"
[ -z "$unknown" ] || die "apt has no package named $(echo $unknown) (from $list; apt-get update?)"
# What installing the list adds to the base system, resolved as apt does (see the top).
awk -v base="$tmp/base" -v here="$tmp/here" -v listed="$tmp/listed" '
  BEGIN {
    while ((getline l < base) > 0) present[l] = 1
    while ((getline l < here) > 0) installed[l] = 1
    while ((getline l < listed) > 0) queue[++nq] = l
  }
  /^[^ ]/ { top = $0; gsub(/[<>]/, "", top); sub(/:any$/, "", top); if ($0 !~ /^</) real[top] = 1; cont = 0; next }
  /^ [ |](Pre)?Depends: / {
    alt = $0; sub(/^ [ |][A-Za-z]*: /, "", alt); virt = (alt ~ /^</); gsub(/[<>]/, "", alt); sub(/:any$/, "", alt)
    if (!cont) g = ++ng[top]
    k = ++na[top, g]; altname[top, g, k] = alt; isvirt[top, g, k] = virt
    cont = ($0 ~ /^ \|/); next
  }
  /^ [ |][A-Za-z]+: / { cont = 0; next }
  /^    / { p = $0; sub(/^ +/, "", p); prov[top, g, k] = prov[top, g, k] " " p; next }
  END {
    for (h = 1; h <= nq; h++) {
      p = queue[h]
      if (p in present) continue
      present[p] = 1; print p
      for (g = 1; g <= ng[p]; g++) {
        met = 0
        for (k = 1; k <= na[p, g] && !met; k++) {
          if (altname[p, g, k] in present) met = 1
          n = split(prov[p, g, k], pl, " ")
          for (j = 1; j <= n; j++) if (pl[j] in present) met = 1
        }
        for (k = 1; k <= na[p, g] && !met; k++) {
          x = altname[p, g, k]
          if (!isvirt[p, g, k] && (x in real)) { queue[++nq] = x; break }
          n = split(prov[p, g, k], pl, " ")
          if (n == 0) continue
          pick = pl[1]
          for (j = n; j >= 1; j--) if (pl[j] in installed) pick = pl[j]
          queue[++nq] = pick; break
        }
      }
    }
  }' "$tmp/depends" > "$tmp/installs"
sort -u "$tmp/base" "$tmp/installs" > "$tmp/closure"

# --- Compare ----------------------------------------------------------------------------
# For each file: each hop some package owns needs one of its owners; a file no package owns on
# any hop is "not from a Debian package". $tmp/report lines: "kind<TAB>subject<TAB>evidence"
# with kind ok (a used package installed by install-deps.sh), missing, unowned, kept (unowned
# program accepted by keep-own) or notfound.
awk -F'\t' '
  FILENAME == ARGV[1] { closure[$1] = 1; next }
  FILENAME == ARGV[2] { keep[$1] = 1; next }
  FILENAME == ARGV[3] { owners[$1] = ($1 in owners) ? owners[$1] " " $2 : $2; next }
  FILENAME == ARGV[4] {
    k = $1 SUBSEP $2
    if (!(k in hopseen)) { hopseen[k] = 1; hops[$1] = hops[$1] SUBSEP $2 }
    if ($3 in owners) hopowners[k] = hopowners[k] " " owners[$3]
    next
  }
  {
    path = $1; why = $2
    if (path ~ /^NOT-FOUND:/) { sub(/^NOT-FOUND:/, "", path); print "notfound\t" path "\t" why; next }
    if (!(path in hops)) next
    n = split(hops[path], hl, SUBSEP); owned = 0
    for (i = 2; i <= n; i++) {
      m = split(hopowners[path SUBSEP hl[i]], ol, " ")
      if (m == 0) continue
      owned = 1; need = ol[1]
      for (j = 1; j <= m; j++) if (ol[j] in closure) need = ol[j]
      if (!(need in evidence)) { evidence[need] = path " (" why ")"; order[++npk] = need }
    }
    if (!owned) {
      prog = path; sub(/.*\//, "", prog)
      print ((why ~ /^program/ && (prog in keep)) ? "kept" : "unowned") "\t" path "\t" why
    }
  }
  END { for (k = 1; k <= npk; k++) print ((order[k] in closure) ? "ok" : "missing") "\t" order[k] "\t" evidence[order[k]] }
' "$tmp/closure" "$tmp/keep-own" "$tmp/owners" "$tmp/hops" "$tmp/files" > "$tmp/report"

nbad=0
while IFS=$'\t' read -r kind subject evidence; do
  case "$kind" in
    ok) [ "$quiet" = 1 ] || printf '  %-30s %s\n' "$subject" "$evidence" ;;
    missing) echo "缺少依赖 / missing from scripts/install-deps.sh: $subject (needed by $evidence)" >&2; nbad=$((nbad + 1)) ;;
    unowned) echo "不属于任何 Debian 软件包 / not from a Debian package: $subject ($evidence)" >&2; nbad=$((nbad + 1)) ;;
    notfound) echo "未找到 / not found: $subject ($evidence)" >&2; nbad=$((nbad + 1)) ;;
    kept) echo "注意 / note: $subject 不属于任何 Debian 软件包，按 keep-own 接受 / is from no Debian package, accepted by keep-own ($evidence)" ;;
  esac
done < <(sort -t$'\t' -k1,1 -k2,2 "$tmp/report")
npackages="$(grep -cE '^(ok|missing)' "$tmp/report" || true)"
if [ "$quiet" != 1 ]; then
  unused="$(awk -F'\t' '$1 == "ok" { print $2 }' "$tmp/report" | sort | comm -13 - "$tmp/listed" | tr '\n' ' ')"
  [ -z "$unused" ] || echo "注意 / note: 清单中未见使用 / listed, not seen in use (metapackages, fonts, tools for other builds or operators): $unused"
fi

# Packages used at a version newer than any configured apt source offers: a fresh machine gets
# an older one (e.g. a Node.js from NodeSource where Debian 12 has 18).
used_packages="$(awk -F'\t' '$1 == "ok" || $1 == "missing" { print $2 }' "$tmp/report")"
if [ -n "$used_packages" ]; then
  # shellcheck disable=SC2086
  apt-cache "${apt_opts[@]}" policy $used_packages 2>/dev/null | awk '
    /^[^ ]/ { pkg = $0; sub(/:$/, "", pkg); first = 1; cur = 0; next }
    /^ \*\*\* / { cur = first; if (cur) { only[pkg] = 1; inst[pkg] = $2 }; first = 0; next }
    /^     [^ ]/ { if (first) { first = 0 } else if (!(pkg in archive)) archive[pkg] = $1; cur = 0; next }
    /^        / { if (cur && $0 !~ /\/var\/lib\/dpkg\/status/) only[pkg] = 0; next }
    END {
      for (p in only) if (only[p])
        printf "注意 / note: %s %s 比任何 apt 源中的版本都新 / is newer here than any configured apt source offers (%s)\n", p, inst[p], (p in archive) ? archive[p] : "none"
    }'
fi

seconds=$((SECONDS - started))
if [ "$nbad" -gt 0 ]; then
  echo "依赖检查失败 / dependency check failed: $nbad problem(s) above; add the packages to scripts/debian-packages.txt (${seconds}s)" >&2
  exit 1
fi
echo "依赖齐全 / dependencies covered: $(wc -l < "$tmp/files") files used by ${builds[*]##*/} map to $npackages Debian packages, all installed by scripts/install-deps.sh ($(wc -l < "$tmp/listed") listed, $(wc -l < "$tmp/closure") with dependencies and the base system; ${seconds}s)"
