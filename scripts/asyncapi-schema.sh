#!/usr/bin/env bash
# Brings the official AsyncAPI 3.0.0 JSON schema the tests validate docs/asyncapi.json against: the npm package
# @asyncapi/specs (Apache-2.0, the AsyncAPI Initiative's own), unpacked into artifacts/asyncapi-specs/ (not committed).
# Does nothing when it is there already.
set -euo pipefail
cd "$(dirname "$0")/.."
version=6.11.1
target=artifacts/asyncapi-specs
[ -f "$target/package/schemas/3.0.0.json" ] && grep -q "\"version\": \"$version\"" "$target/package/package.json" && exit 0
rm -rf "$target" && mkdir -p "$target"
(cd "$target" && npm pack --silent "@asyncapi/specs@$version" > /dev/null && tar xzf "asyncapi-specs-$version.tgz" && rm "asyncapi-specs-$version.tgz")
echo "asyncapi-schema: @asyncapi/specs $version in $target"
