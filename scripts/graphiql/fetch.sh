#!/usr/bin/env bash
# Fetches the built GraphiQL, React and ReactDOM files that internal/server
# embeds, from the npm registry, and copies them to internal/server/assets/.
# The versions are pinned here and the files are checked against SHA256SUMS,
# so running it again reproduces the committed assets byte for byte.
# Needs: npm (only to download the packages), tar, sha256sum.
#
#   scripts/graphiql/fetch.sh           # fetch, verify, copy
#   scripts/graphiql/fetch.sh --update  # same, but rewrite SHA256SUMS (after a version bump)
set -euo pipefail

GRAPHIQL_VERSION=3.9.0 # the last line with a UMD build (GraphiQL 4+ ships ES modules only)
REACT_VERSION=18.3.1   # the last React with UMD builds, within GraphiQL 3's peer range

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dest="$root/internal/server/assets"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "graphiql@$GRAPHIQL_VERSION" "react@$REACT_VERSION" "react-dom@$REACT_VERSION" >/dev/null
for spec in "graphiql:$GRAPHIQL_VERSION" "react:$REACT_VERSION" "react-dom:$REACT_VERSION"; do
  pkg=${spec%%:*}
  mkdir "$pkg"
  tar -xzf "$pkg-${spec#*:}.tgz" -C "$pkg" --strip-components=1
done

mkdir -p out
cp graphiql/graphiql.min.js out/graphiql.min.js
cp graphiql/graphiql.min.css out/graphiql.min.css
cp react/umd/react.production.min.js out/react.production.min.js
cp react-dom/umd/react-dom.production.min.js out/react-dom.production.min.js
{
  printf 'GraphiQL %s (https://github.com/graphql/graphiql), MIT License:\n\n' "$GRAPHIQL_VERSION"
  cat graphiql/LICENSE
  printf '\n\nReact and ReactDOM %s (https://github.com/facebook/react), MIT License:\n\n' "$REACT_VERSION"
  cat react/LICENSE
} >out/LICENSES.txt

cd out
if [[ "${1:-}" == "--update" ]]; then
  sha256sum graphiql.min.js graphiql.min.css react.production.min.js react-dom.production.min.js >"$here/SHA256SUMS"
fi
sha256sum --check --quiet "$here/SHA256SUMS"

mkdir -p "$dest"
cp graphiql.min.js graphiql.min.css react.production.min.js react-dom.production.min.js LICENSES.txt "$dest/"
echo "GraphiQL $GRAPHIQL_VERSION and React $REACT_VERSION copied to ${dest#"$root"/}"
