#!/bin/sh
# A stand-in for /usr/bin/osascript. It parses its command line the way osascript does — POSIX
# getopt with "e:l:is:" (so "-5", "- x" and "-edo shell script …" are options, grouped and attached
# forms included; "--" ends the options; the first operand ends them too) — and then "runs" the
# script: `item N of argv` needs N operands, as AppleScript does.
#
# FAKE_OSASCRIPT_LOG: raw argv, one NUL-separated record per call (records end with "\n\036\n").
# FAKE_OSASCRIPT_LOG.parsed: what osascript understood: the script (its -e lines joined by
#   newlines), then each operand, NUL-separated, same record end.
# FAKE_OSASCRIPT_FAIL: sends addressed to a chat id fail with this AppleScript error number
#   (e.g. -1728, -1743).
log="${FAKE_OSASCRIPT_LOG:?}"
for arg in "$@"; do printf '%s\0' "$arg" >> "$log"; done
printf '\n\036\n' >> "$log"

usage='usage: osascript [-l language] [-e script] [-i] [-s {ehso}] [programfile] [argument ...]'
script=''
lines=0
OPTIND=1
while getopts 'e:l:is:' opt; do
  case "$opt" in
    e)
      if [ "$lines" -gt 0 ]; then script="$script
"; fi
      script="$script$OPTARG"
      lines=$((lines + 1))
      ;;
    l | i | s) ;;
    *)
      echo "$usage" >&2
      exit 1
      ;;
  esac
done
shift $((OPTIND - 1))
if [ "$lines" -eq 0 ]; then
  # Without -e the first operand is the script file.
  if [ ! -f "${1:-}" ]; then
    echo "osascript: ${1:-}: No such file or directory" >&2
    exit 1
  fi
  script=$(cat "$1")
  shift
fi

{
  printf '%s\0' "$script"
  for arg in "$@"; do printf '%s\0' "$arg"; done
  printf '\n\036\n'
} >> "$log.parsed"

# AppleScript: a reference to an item the argv list does not have is error -1728.
wanted=$(printf '%s\n' "$script" | sed -n 's/.*item \([0-9][0-9]*\) of argv.*/\1/p' | sort -n | tail -n 1)
if [ -n "$wanted" ] && [ "$#" -lt "$wanted" ]; then
  echo "execution error: Can’t get item $wanted of {}. (-1728)" >&2
  exit 1
fi
if [ -n "${FAKE_OSASCRIPT_FAIL:-}" ]; then
  case "$script" in
    *"to chat id"*)
      echo "execution error: Messages got an error: Can’t get chat id. (${FAKE_OSASCRIPT_FAIL})" >&2
      exit 1
      ;;
  esac
fi
exit 0
