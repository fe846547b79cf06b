#!/bin/sh
# Defends the one error map: outside the mapping functions (ExitCodeFor and
# ErrorCodeName in common/status.cpp, HttpStatusFor in server/api.cpp), no
# source writes an HTTP status, an exit code or an API error code string.
# Usage: error_map_literals.sh SRC_DIR
set -u
src=${1:?usage: error_map_literals.sh SRC_DIR}
failed=0

# It must look at the files it defends: counts, so it cannot pass on nothing.
server_files=$(ls "$src"/server/*.cpp 2>/dev/null | wc -l)
cli_files=$(ls "$src"/cli/*.cpp 2>/dev/null | wc -l)
if [ "$server_files" -lt 5 ] || [ "$cli_files" -lt 2 ]; then
  echo "found $server_files server and $cli_files cli sources under $src: wrong folder?"
  exit 1
fi
map_cases=$(grep -c 'case ErrorCode::' "$src/common/status.cpp")
http_cases=$(grep -c 'case ErrorCode::' "$src/server/api.cpp")
if [ "$map_cases" -lt 34 ] || [ "$http_cases" -lt 17 ]; then
  echo "the mapping functions list $map_cases + $http_cases cases; expected every code in each"
  failed=1
fi

report() {  # report WHAT MATCHES
  if [ -n "$2" ]; then
    echo "$1:"
    echo "$2"
    failed=1
  fi
}

# An HTTP status written as a number beside the error plumbing.
report "literal HTTP statuses" "$(grep -nE 'ErrorResponse\( *[0-9]|MakeResponse\([^,]*, *[0-9]{3}|\{ *[1-5][0-9]{2}, *"|status = [1-5][0-9]{2}' \
  "$src"/server/*.cpp "$src"/server/*.h)"
# An exit code written as a number in the CLI.
report "literal exit codes" "$(grep -nE 'return -?[0-9]+;|\? *-?[0-9]+ *:|: *-?[0-9]+;|[Ee]xit\( *-?[0-9]' "$src"/cli/*.cpp)"
# An API error code string spelled outside ErrorCodeName (a JSON key is not one).
for name in bad_request bad_parameter bad_upload invalid_data not_found method_not_allowed \
            unsupported_media_type too_large header_too_large too_slow forbidden misdirected_request \
            cancelled busy internal; do
  report "the code string \"$name\" outside ErrorCodeName" \
    "$(grep -rn "\"$name\"" "$src" --include=*.cpp --include=*.h | grep -v "^$src/common/status\.cpp:" | grep -v "Key(\"$name\")")"
done

if [ "$failed" -ne 0 ]; then exit 1; fi
echo "checked $server_files server and $cli_files cli sources: no literal status, exit code or code string"
