#!/bin/sh
# A stand-in for /usr/bin/osascript: records its argv (one NUL-separated record per call) and
# answers like Messages would. FAKE_OSASCRIPT_LOG is the record file; FAKE_OSASCRIPT_FAIL makes
# sends to a chat id fail with the given AppleScript error number (e.g. -1728, -1743).
log="${FAKE_OSASCRIPT_LOG:?}"
for arg in "$@"; do printf '%s\0' "$arg" >> "$log"; done
printf '\n\036\n' >> "$log"
if [ -n "${FAKE_OSASCRIPT_FAIL:-}" ]; then
  case "$*" in
    *"to chat id"*) echo "execution error: Messages got an error: Can’t get chat id. (${FAKE_OSASCRIPT_FAIL})" >&2; exit 1 ;;
  esac
fi
exit 0
